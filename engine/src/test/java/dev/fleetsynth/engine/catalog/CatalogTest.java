package dev.fleetsynth.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.fleetsynth.engine.profile.DegradationPattern;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.engine.profile.RulSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTest {
    private static final List<String> CATEGORIES = List.of(
            "motor",
            "pump",
            "compressor",
            "cnc",
            "fan",
            "conveyor",
            "robot",
            "hydraulic",
            "transformer",
            "cooling_tower",
            "turbofan");

    @Test
    void thirtyTwoMachines() {
        assertThat(Catalog.machines()).hasSize(32);
    }

    @Test
    void categoryCounts() {
        Map<String, Long> counts = Catalog.machines().stream()
                .collect(Collectors.groupingBy(Catalog.Entry::category, TreeMap::new, Collectors.counting()));
        assertThat(counts)
                .containsOnly(
                        entry("motor", 7L),
                        entry("pump", 3L),
                        entry("compressor", 3L),
                        entry("cnc", 8L),
                        entry("fan", 2L),
                        entry("conveyor", 2L),
                        entry("robot", 2L),
                        entry("hydraulic", 2L),
                        entry("transformer", 1L),
                        entry("cooling_tower", 1L),
                        entry("turbofan", 1L));
    }

    @Test
    void idsAreUniqueAndNamedAfterTheirCategory() {
        Set<String> ids = new HashSet<>();
        for (Catalog.Entry e : Catalog.machines()) {
            assertThat(ids.add(e.machineId())).as("unique %s", e.machineId()).isTrue();
            assertThat(e.machineId()).matches(e.category() + "_[a-z0-9_]+_\\d{3}");
            assertThat(e.profile().machineId()).isEqualTo(e.machineId());
            assertThat(e.profile().machineType()).isEqualTo(e.category());
            assertThat(e.profile().manufacturer()).isNotBlank();
            assertThat(e.profile().model()).isNotBlank();
            assertThat(e.profile().operationalParameters()).isNotEmpty();
        }
    }

    @Test
    void everyMachineValidates() {
        assertThat(Catalog.machines())
                .allSatisfy(e -> assertThat(ProfileValidator.validate(e.profile()))
                        .as(e.machineId())
                        .isEmpty());
    }

    @Test
    void everyMachineHasItsCategorysSensorsAndRul() {
        for (Catalog.Entry e : Catalog.machines()) {
            MachineCategory c = Categories.byName(e.category()).orElseThrow();
            assertThat(e.profile().sensors()).as(e.machineId()).isEqualTo(c.sensors());
            assertThat(e.profile().failureModes()).as(e.machineId()).isEqualTo(c.failureModes());
            assertThat(e.profile().rul()).as(e.machineId()).isEqualTo(c.rul());
        }
    }

    @Test
    void profileLooksUpById() {
        assertThat(Catalog.profile("cnc_haas_vf2_002"))
                .get()
                .extracting(MachineProfile::manufacturer)
                .isEqualTo("Haas");
        assertThat(Catalog.profile("cnc_haas_vf2_003")).isEmpty();
        assertThat(Catalog.profile(null)).isEmpty();
    }

    @Test
    void elevenCategories() {
        assertThat(Categories.names()).containsExactlyElementsOf(CATEGORIES);
        assertThat(Categories.byName("chiller")).isEmpty();
        assertThat(Categories.all()).allSatisfy(c -> {
            assertThat(c.title()).isNotBlank();
            assertThat(c.sensors()).isNotEmpty();
            assertThat(c.failureModes()).isNotEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "motor,         1000, 3, linear_slow,   10",
        "pump,          800,  4, linear_medium, 12",
        "compressor,    600,  5, linear_fast,   8",
        "cnc,           500,  7, exponential,   15",
        "fan,           1200, 3, linear_slow,   20",
        "conveyor,      900,  4, linear_medium, 15",
        "robot,         1100, 3, linear_slow,   18",
        "hydraulic,     850,  4, linear_medium, 14",
        "transformer,   1500, 2, linear_slow,   25",
        "cooling_tower, 1100, 3, linear_medium, 20",
        "turbofan,      700,  5, exponential,   12",
    })
    void rulTable(String category, double maxRul, int cycles, String pattern, double rulNoise) {
        RulSettings expected = new RulSettings(
                maxRul, cycles, DegradationPattern.fromWireName(pattern).orElseThrow(), rulNoise);
        assertThat(Categories.byName(category))
                .get()
                .extracting(MachineCategory::rul)
                .isEqualTo(expected);
        assertThat(Catalog.machines())
                .filteredOn(e -> e.category().equals(category))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.profile().rul()).isEqualTo(expected));
    }

    @Test
    void templatesAreBlankChillerAndOnePerCategory() {
        assertThat(Templates.names())
                .contains("blank", "chiller")
                .containsAll(CATEGORIES)
                .hasSize(CATEGORIES.size() + 2)
                .doesNotHaveDuplicates();
        assertThat(Templates.byName("nope")).isEmpty();
        for (String category : CATEGORIES) {
            MachineProfile p = Templates.byName(category).orElseThrow().profile();
            MachineCategory c = Categories.byName(category).orElseThrow();
            assertThat(p.machineType()).isEqualTo(category);
            assertThat(p.sensors()).isEqualTo(c.sensors());
            assertThat(p.rul()).isEqualTo(c.rul());
        }
        MachineProfile chiller = Templates.byName("chiller").orElseThrow().profile();
        assertThat(chiller.machineType()).isEqualTo("chiller");
        assertThat(CATEGORIES).doesNotContain(chiller.machineType());
        assertThat(Templates.byName("blank").orElseThrow().profile().sensors()).hasSize(1);
    }

    @Test
    void everyTemplateValidates() {
        assertThat(Templates.all()).allSatisfy(t -> {
            assertThat(t.description()).as(t.name()).isNotBlank();
            assertThat(ProfileValidator.validate(t.profile())).as(t.name()).isEmpty();
        });
    }

    @Test
    void templateIdsAreDistinctFromTheCatalog() {
        Set<String> catalogIds =
                Catalog.machines().stream().map(Catalog.Entry::machineId).collect(Collectors.toSet());
        Map<String, Templates.Template> byId = Templates.all().stream()
                .collect(Collectors.toMap(t -> t.profile().machineId(), Function.identity()));
        assertThat(byId).hasSameSizeAs(Templates.all());
        assertThat(byId.keySet()).doesNotContainAnyElementsOf(catalogIds);
    }
}
