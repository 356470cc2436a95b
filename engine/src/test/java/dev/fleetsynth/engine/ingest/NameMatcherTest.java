package dev.fleetsynth.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.fleetsynth.engine.catalog.Categories;
import dev.fleetsynth.engine.profile.SensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How well column names of real plant exports find the catalog's sensors. The fixture
 * ({@code column-names.csv}) holds the headers of exports written in the styles real systems use
 * (SCADA and DCS tags, historian tag paths, controller exports, condition-monitoring systems, the
 * AI4I and C-MAPSS datasets), each name with the sensor of its machine category that a reliability
 * engineer would map it to, or none where the category has no such sensor. Every export is matched
 * as one file is during ingestion: its names at once, one to one, onto its category's sensors.
 */
class NameMatcherTest {
    /** The share of names that must be mapped exactly right (the right sensor, or none where none fits). */
    static final double MIN_ACCURACY = 0.80;

    /** One line of the fixture. */
    record Case(String export, String category, String column, String expected) {}

    static List<Case> fixture() throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Case> cases = new ArrayList<>();
        try (InputStream in = NameMatcherTest.class.getResourceAsStream("/column-names.csv");
                MappingIterator<Map<String, String>> it =
                        mapper.readerFor(Map.class).with(schema).readValues(in)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                cases.add(new Case(row.get("export"), row.get("category"), row.get("column"), row.get("expected")));
            }
        }
        return cases;
    }

    /** The outcome of matching the fixture: how many were right, and a line per miss. */
    record Outcome(int right, int total, List<String> misses) {
        double accuracy() {
            return (double) right / total;
        }
    }

    static Outcome evaluate(List<Case> cases) {
        Map<String, List<Case>> byExport = new LinkedHashMap<>();
        for (Case c : cases) {
            byExport.computeIfAbsent(c.export(), k -> new ArrayList<>()).add(c);
        }
        int right = 0;
        List<String> misses = new ArrayList<>();
        for (List<Case> export : byExport.values()) {
            String category = export.get(0).category();
            List<SensorSpec> sensors = Categories.byName(category)
                    .orElseThrow(() -> new AssertionError("no category " + category))
                    .sensors();
            Map<String, NameMatcher.Match> matches =
                    NameMatcher.match(export.stream().map(Case::column).toList(), sensors);
            for (Case c : export) {
                NameMatcher.Match m = matches.get(c.column());
                String got = m == null ? "" : m.sensor();
                if (got.equals(c.expected())) {
                    right++;
                } else {
                    misses.add(String.format(
                            Locale.ROOT,
                            "%s: '%s' -> %s (%s), expected %s",
                            c.export(),
                            c.column(),
                            got.isEmpty() ? "nothing" : got,
                            m == null ? "-" : String.format(Locale.ROOT, "%.3f", m.score()),
                            c.expected().isEmpty() ? "nothing" : c.expected()));
                }
            }
        }
        return new Outcome(right, cases.size(), misses);
    }

    @Test
    void theFixtureIsSoundAndCoversEveryCategory() throws IOException {
        List<Case> cases = fixture();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(32);
        assertThat(cases.stream().map(Case::category).distinct())
                .containsExactlyInAnyOrderElementsOf(Categories.names());
        assertThat(cases).filteredOn(c -> c.expected().isEmpty()).hasSizeGreaterThanOrEqualTo(5);
        for (Case c : cases) {
            List<String> sensors = Categories.byName(c.category()).orElseThrow().sensors().stream()
                    .map(SensorSpec::name)
                    .toList();
            if (!c.expected().isEmpty()) {
                assertThat(sensors).as("sensors of %s", c.category()).contains(c.expected());
            }
        }
        // One export is one file: no two of its columns can be meant for the same sensor.
        Map<String, List<String>> expectedByExport = new LinkedHashMap<>();
        for (Case c : cases) {
            if (!c.expected().isEmpty()) {
                List<String> seen = expectedByExport.computeIfAbsent(c.export(), k -> new ArrayList<>());
                assertThat(seen).as("export %s", c.export()).doesNotContain(c.expected());
                seen.add(c.expected());
            }
        }
    }

    @Test
    void realExportNamesFindTheirSensors() throws IOException {
        Outcome o = evaluate(fixture());
        System.out.printf(
                Locale.ROOT,
                "NameMatcher: %d of %d column names mapped right, accuracy %.3f%n",
                o.right(),
                o.total(),
                o.accuracy());
        o.misses().forEach(m -> System.out.println("  miss: " + m));
        assertThat(o.accuracy()).as("accuracy; misses: %s", o.misses()).isGreaterThanOrEqualTo(MIN_ACCURACY);
    }

    @Test
    void aNameMatchesItsSensorWhateverTheExportsStyle() {
        List<SensorSpec> motor = Categories.byName("motor").orElseThrow().sensors();
        for (String name :
                List.of("bearing_de_temp_C", "Bearing DE Temp (°C)", "BearingDeTemp", "BRG DE TEMP [degC]")) {
            assertThat(NameMatcher.match(List.of(name), motor))
                    .as(name)
                    .extractingByKey(name)
                    .extracting(NameMatcher.Match::sensor)
                    .isEqualTo("bearing_de_temp_C");
        }
    }

    @Test
    void aUnitThatContradictsTheSensorsLowersTheScore() {
        SensorSpec current = Categories.byName("motor").orElseThrow().sensors().stream()
                .filter(s -> s.name().equals("current_A"))
                .findFirst()
                .orElseThrow();
        assertThat(NameMatcher.score("Current (A)", current)).isGreaterThan(NameMatcher.score("Current (V)", current));
    }

    @Test
    void matchesAreOneToOne() {
        List<SensorSpec> pump = Categories.byName("pump").orElseThrow().sensors();
        Map<String, NameMatcher.Match> m =
                NameMatcher.match(List.of("Bearing Temp (°C)", "Bearing Temperature [°C]"), pump);
        assertThat(m.values().stream().map(NameMatcher.Match::sensor)).containsExactly("bearing_temp_C");
    }
}
