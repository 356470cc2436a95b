package dev.fleetsynth.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.trajectory.TrajectoryModel;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trajectory model on a fleet made here, whose truth is known: 40 units run to failure after
 * 80 to 200 cycles, 26 of them by overheating (the temperature climbs over the last half of life)
 * and 14 by a bearing failing (the vibration climbs); every reading carries AR(1) noise, an alarm
 * flag fires on the failure cycle, the speed is a whole number and a grade is drawn per row.
 */
class TrajectoryModelTest {
    static final int UNITS = 40;
    static final int OVERHEATING_UNITS = 26;
    static final List<String> SENSORS = List.of("temp", "vib", "pressure", "speed");
    static SourceTable fleet;
    static Synthesizer model;
    static SourceTable sample;

    @TempDir
    Path dir;

    static SourceSchema schema(SourceSchema.Origin origin) {
        List<SourceSchema.Field> fields = List.of(
                SourceSchema.Field.of("unit", ColumnKind.INTEGER, Role.UNIT),
                SourceSchema.Field.of("cycle", ColumnKind.INTEGER, Role.ORDER),
                SourceSchema.Field.of("temp", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("vib", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("pressure", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("speed", ColumnKind.INTEGER, Role.FEATURE),
                SourceSchema.Field.of("grade", ColumnKind.CATEGORY, Role.FEATURE),
                SourceSchema.Field.of("alarm", ColumnKind.FLAG, Role.FAILURE),
                new SourceSchema.Field("site", ColumnKind.CATEGORY, Role.DROPPED, null, null, "north"),
                SourceSchema.Field.of("rul", ColumnKind.NUMBER, Role.RUL));
        return new SourceSchema(
                "test_fleet",
                origin,
                fields,
                new SourceSchema.Order("cycle", SourceSchema.OrderKind.COUNTER, 1, "cycles"),
                "cycles",
                null);
    }

    /** The fleet; units {@code from..to} (1-based, inclusive). */
    static SourceTable fleet(int from, int to) {
        Random random = new Random(2024);
        List<double[]> rows = new ArrayList<>();
        List<String> grades = new ArrayList<>();
        for (int u = 1; u <= UNITS; u++) {
            int life = 80 + random.nextInt(121);
            boolean overheats = u <= OVERHEATING_UNITS;
            double tempOffset = random.nextGaussian();
            double vibOffset = 0.2 * random.nextGaussian();
            double[] e = new double[4];
            double[] phi = {0.8, 0.6, 0.9, 0.7};
            double[] sigma = {1.0, 0.15, 0.1, 15};
            for (int t = 0; t < life; t++) {
                for (int j = 0; j < 4; j++) {
                    double innovation = random.nextGaussian() * sigma[j] * Math.sqrt(1 - phi[j] * phi[j]);
                    e[j] = t == 0 ? random.nextGaussian() * sigma[j] : phi[j] * e[j] + innovation;
                }
                double wear = Math.pow(Math.max(0, (double) t / (life - 1) - 0.5) / 0.5, 2);
                double temp = 70 + tempOffset + (overheats ? 15 * wear : 0) + e[0];
                double vib = 2 + vibOffset + (overheats ? 0 : 4 * wear) + e[1];
                double pressure = 5 + e[2];
                double speed = Math.round(1500 + e[3]);
                double g = random.nextDouble();
                if (u >= from && u <= to) {
                    rows.add(new double[] {u, t + 1, temp, vib, pressure, speed, t == life - 1 ? 1 : 0, life - 1 - t});
                    grades.add(g < 0.5 ? "A" : g < 0.8 ? "B" : "C");
                }
            }
        }
        int n = rows.size();
        String[] names = {"unit", "cycle", "temp", "vib", "pressure", "speed", "alarm", "rul"};
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rows.get(i)[j];
            }
            columns.put(names[j], new Column.Numeric(names[j], v));
        }
        columns.put("grade", new Column.Categorical("grade", grades.toArray(String[]::new)));
        String[] site = new String[n];
        Arrays.fill(site, "north");
        columns.put("site", new Column.Categorical("site", site));
        SourceSchema schema = schema(SourceSchema.Origin.REAL);
        return new SourceTable(
                schema,
                new ColumnTable(
                        schema.fields().stream().map(f -> columns.get(f.name())).toList()));
    }

    @BeforeAll
    static void fit() {
        fleet = fleet(1, UNITS);
        model = ModelKind.TRAJECTORY.fit(fleet, FitOptions.defaults().withSeed(3), TrainingListener.NONE, () -> false);
        sample = model.sample(SampleRequest.of(20_000, 11));
    }

    // ---------------------------------------------------------------- helpers

    /** Row ranges [from, to) of each unit, in row order. */
    static List<int[]> units(SourceTable t) {
        int[] index = t.unitIndex();
        List<int[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= index.length; i++) {
            if (i == index.length || index[i] != index[i - 1]) {
                out.add(new int[] {from, i});
                from = i;
            }
        }
        return out;
    }

    static double[] lifetimes(SourceTable t) {
        return units(t).stream().mapToDouble(u -> u[1] - u[0]).toArray();
    }

    /** Lag-1 autocorrelation within units, each unit's mean taken out. */
    static double lag1(SourceTable t, String column) {
        double[] x = t.numeric(column);
        double num = 0;
        double den = 0;
        for (int[] u : units(t)) {
            double mean = 0;
            for (int i = u[0]; i < u[1]; i++) {
                mean += x[i] / (u[1] - u[0]);
            }
            for (int i = u[0]; i < u[1]; i++) {
                den += (x[i] - mean) * (x[i] - mean);
                if (i + 1 < u[1]) {
                    num += (x[i] - mean) * (x[i + 1] - mean);
                }
            }
        }
        return num / den;
    }

    static Map<String, Double> shares(SourceTable t, String column) {
        String[] v = ((Column.Categorical) t.column(column)).values();
        Map<String, Double> shares = new TreeMap<>();
        for (String s : v) {
            shares.merge(s, 1.0, Double::sum);
        }
        shares.replaceAll((label, count) -> count / v.length);
        return shares;
    }

    static double rate(SourceTable t, String flag) {
        return Arrays.stream(t.numeric(flag)).average().orElseThrow();
    }

    /** How far a reading moves over a unit's life: the mean of its last 10 rows minus that of its first 10. */
    static double rise(SourceTable t, int[] unit, String column) {
        double[] x = t.numeric(column);
        int w = Math.min(10, (unit[1] - unit[0]) / 2);
        double first = 0;
        double last = 0;
        for (int k = 0; k < w; k++) {
            first += x[unit[0] + k] / w;
            last += x[unit[1] - 1 - k] / w;
        }
        return last - first;
    }

    static void assertSame(SourceTable a, SourceTable b) {
        assertThat(a.schema()).isEqualTo(b.schema());
        for (Column c : a.table().columns()) {
            Column other = b.column(c.name());
            if (c instanceof Column.Numeric n) {
                assertThat(((Column.Numeric) other).values()).as(c.name()).containsExactly(n.values());
            } else {
                assertThat(((Column.Categorical) other).values())
                        .as(c.name())
                        .containsExactly(((Column.Categorical) c).values());
            }
        }
    }

    // ---------------------------------------------------------------- the draw

    @Test
    void drawsExactlyTheRowsAskedForAsWholeHistoriesInTheSourcesShape() {
        assertThat(sample.rows()).isEqualTo(20_000);
        assertThat(sample.schema()).isEqualTo(fleet.schema().withOrigin(SourceSchema.Origin.SYNTHETIC));
        assertThat(sample.table().names())
                .containsExactlyElementsOf(fleet.table().names());
        double[] rul = sample.rul();
        double[] cycle = sample.numeric("cycle");
        double[] unit = sample.numeric("unit");
        List<int[]> units = units(sample);
        assertThat(units.size()).isGreaterThan(50);
        for (int[] u : units) {
            // Every unit runs down to its failure, one cycle a row, from the first cycle; the last may still be
            // running when the rows run out (censored, as units of a real fleet are), never a shorter life of its own.
            if (u != units.get(units.size() - 1)) {
                assertThat(rul[u[1] - 1]).isZero();
            }
            assertThat(cycle[u[0]]).isEqualTo(1.0);
            for (int i = u[0] + 1; i < u[1]; i++) {
                assertThat(rul[i]).isEqualTo(rul[i - 1] - 1);
                assertThat(cycle[i]).isEqualTo(cycle[i - 1] + 1);
            }
        }
        assertThat(unit[0]).isEqualTo(1.0);
        assertThat(unit[unit.length - 1]).isEqualTo(units.size());
        assertThat(((Column.Categorical) sample.column("site")).values()).containsOnly("north");
    }

    @Test
    void findsTheTwoFailureModes() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> modes =
                (List<Map<String, Object>>) model.summary().details().get("modes");
        assertThat(modes).extracting(m -> m.get("name")).containsExactly("mode_1", "mode_2");
        assertThat(modes).extracting(m -> m.get("lives")).containsExactly(OVERHEATING_UNITS, UNITS - OVERHEATING_UNITS);
        assertThat((double) modes.get(0).get("weight")).isCloseTo(26.0 / 40, within(1e-9));
        assertThat(model.summary().format()).isEqualTo(TrajectoryModel.FORMAT);
        assertThat(model.summary().epochs()).isZero();
    }

    @Test
    void keepsEachReadingsAutocorrelation() {
        for (String s : SENSORS) {
            assertThat(lag1(sample, s))
                    .as("lag-1 autocorrelation of %s (data %.3f)", s, lag1(fleet, s))
                    .isCloseTo(lag1(fleet, s), within(0.1));
        }
    }

    @Test
    void lifetimesAreDistributedAsTheFleets() {
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(lifetimes(fleet), lifetimes(sample));
        assertThat(ks).isLessThan(0.3);
        // Lifetimes come from the fleet's, a little smoothed: none far outside its range.
        assertThat(Arrays.stream(lifetimes(sample)).max().orElseThrow()).isLessThan(200 * 1.5);
    }

    @Test
    void integersFlagsAndCategoriesKeepTheirValuesAndRates() {
        assertThat(Arrays.stream(sample.numeric("speed")).filter(v -> v != Math.rint(v)))
                .isEmpty();
        assertThat(sample.numeric("alarm")).containsOnly(0.0, 1.0);
        assertThat(rate(sample, "alarm")).isCloseTo(rate(fleet, "alarm"), within(0.01));
        double[] alarm = sample.numeric("alarm");
        double[] rul = sample.rul();
        long alarms = Arrays.stream(alarm).filter(v -> v == 1).count();
        long atFailure = 0;
        long failures = 0;
        long failuresWithAlarm = 0;
        for (int i = 0; i < alarm.length; i++) {
            if (alarm[i] == 1 && rul[i] == 0) {
                atFailure++;
            }
            if (rul[i] == 0) {
                failures++;
                failuresWithAlarm += (long) alarm[i];
            }
        }
        // The alarm fires at failure: (nearly) all alarms are on failure rows, and most failure rows alarm.
        assertThat((double) atFailure / alarms).isGreaterThanOrEqualTo(0.9);
        assertThat((double) failuresWithAlarm / failures).isGreaterThanOrEqualTo(0.7);

        Map<String, Double> real = shares(fleet, "grade");
        Map<String, Double> synthetic = shares(sample, "grade");
        assertThat(synthetic.keySet()).containsExactlyElementsOf(real.keySet());
        real.forEach(
                (label, share) -> assertThat(synthetic.get(label)).as(label).isCloseTo(share, within(0.03)));
    }

    // ---------------------------------------------------------------- conditions

    @Test
    void lastStepsKeepsOnlyTheEndOfEachLife() {
        SourceTable t =
                model.sample(new SampleRequest(3_000, 5, new SampleRequest.Conditions(30.0, null, null, Map.of()), 1));
        assertThat(t.rows()).isEqualTo(3_000);
        assertThat(Arrays.stream(t.rul()).filter(r -> r < 0 || r > 30)).isEmpty();
        List<int[]> units = units(t);
        for (int[] u : units.subList(0, units.size() - 1)) {
            assertThat(u[1] - u[0]).isEqualTo(31);
            assertThat(t.rul()[u[1] - 1]).isZero();
        }
    }

    @Test
    void lifeMinAndMaxBoundEveryUnitsLifetime() {
        // Many draws, so that the last unit, cut to make the rows exact, lands in every place.
        for (long seed = 1; seed <= 25; seed++) {
            for (int rows : new int[] {997, 2_345, 5_000}) {
                assertLivesWithin(
                        model.sample(new SampleRequest(
                                rows, seed, new SampleRequest.Conditions(null, 120.0, 160.0, Map.of()), 1)),
                        rows,
                        120,
                        160);
            }
            assertLivesWithin(
                    model.sample(new SampleRequest(
                            3_000, seed, new SampleRequest.Conditions(null, 150.0, null, Map.of()), 1)),
                    3_000,
                    150,
                    Double.MAX_VALUE);
            assertLivesWithin(
                    model.sample(new SampleRequest(
                            3_000, seed, new SampleRequest.Conditions(null, null, 100.0, Map.of()), 1)),
                    3_000,
                    1,
                    100);
        }
    }

    private static void assertLivesWithin(SourceTable t, int rows, double min, double max) {
        assertThat(t.rows()).isEqualTo(rows);
        for (int[] u : units(t)) {
            // The first row's RUL is the life's length in cycles.
            assertThat(t.rul()[u[0]]).as("life of the unit at row %d", u[0]).isBetween(min, max);
            assertThat(t.rul()[u[1] - 1]).isZero();
        }
    }

    @Test
    void modeWeightsChooseTheFailureMode() {
        SourceTable t = model.sample(new SampleRequest(
                6_000, 8, new SampleRequest.Conditions(null, null, null, Map.of("mode_2", 1.0, "mode_1", 0.0)), 1));
        // Mode 2 is the bearing failure: the vibration climbs, the temperature does not.
        for (int[] u : units(t)) {
            if (t.rul()[u[1] - 1] > 0) {
                continue; // the censored last unit has not worn out yet
            }
            assertThat(rise(t, u, "vib"))
                    .as("vibration rise of the unit at row %d", u[0])
                    .isGreaterThan(2.0);
            assertThat(rise(t, u, "temp"))
                    .as("temperature rise of the unit at row %d", u[0])
                    .isLessThan(6.0);
        }
        SourceTable overheating = model.sample(new SampleRequest(
                6_000, 8, new SampleRequest.Conditions(null, null, null, Map.of("mode_1", 1.0, "mode_2", 0.0)), 1));
        for (int[] u : units(overheating)) {
            if (overheating.rul()[u[1] - 1] > 0) {
                continue;
            }
            assertThat(rise(overheating, u, "temp")).isGreaterThan(8.0);
            assertThat(rise(overheating, u, "vib")).isLessThan(1.5);
        }
        assertThatThrownBy(() -> model.sample(new SampleRequest(
                        100,
                        1,
                        new SampleRequest.Conditions(null, null, null, Map.of("mode_1", 0.0, "mode_2", 0.0)),
                        1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unitsAreNumberedFromTheFirstUnitAskedFor() {
        SourceTable t = model.sample(new SampleRequest(1_000, 4, SampleRequest.Conditions.NONE, 101));
        assertThat(t.numeric("unit")[0]).isEqualTo(101.0);
    }

    // ---------------------------------------------------------------- determinism and persistence

    @Test
    void theSameRequestGivesTheSameRows() {
        assertSame(model.sample(SampleRequest.of(4_000, 21)), model.sample(SampleRequest.of(4_000, 21)));
        assertThat(model.sample(SampleRequest.of(4_000, 22)).numeric("temp"))
                .isNotEqualTo(model.sample(SampleRequest.of(4_000, 21)).numeric("temp"));
        // The same data and seed give the same model.
        Synthesizer again =
                ModelKind.TRAJECTORY.fit(fleet, FitOptions.defaults().withSeed(3), TrainingListener.NONE, () -> false);
        assertSame(again.sample(SampleRequest.of(4_000, 21)), model.sample(SampleRequest.of(4_000, 21)));
    }

    @Test
    void aSavedModelLoadsAndDrawsTheSameRows() throws Exception {
        model.save(dir);
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(Synthesizer.JSON_FILE).toFile());
        assertThat(json.path("format").asText()).isEqualTo(TrajectoryModel.FORMAT);
        Synthesizer loaded = Synthesizers.load(dir);
        assertThat(loaded).isInstanceOf(TrajectoryModel.class);
        assertThat(loaded.schema()).isEqualTo(model.schema());
        SampleRequest request =
                new SampleRequest(3_000, 9, new SampleRequest.Conditions(50.0, null, null, Map.of("mode_2", 2.0)), 1);
        assertSame(loaded.sample(request), model.sample(request));
    }

    // ---------------------------------------------------------------- choosing and training

    @Test
    void autoPicksTheTrajectoryModelForHistoriesAndTheTvaeForTables() {
        assertThat(ModelKind.auto(fleet.schema())).isEqualTo(ModelKind.TRAJECTORY);
        SourceTable seed = SourceTable.of(SeedGenerator.generate(
                Catalog.profile("motor_siemens_1la7_001").orElseThrow(), new SeedOptions(1_000, 1)));
        assertThat(seed.schema().runToFailure()).isTrue();
        assertThat(ModelKind.auto(seed.schema()))
                .as("a simulator seed is histories too")
                .isEqualTo(ModelKind.TRAJECTORY);
        SourceSchema table = new SourceSchema(
                "ai4i",
                SourceSchema.Origin.REAL,
                List.of(
                        SourceSchema.Field.of("Torque [Nm]", ColumnKind.NUMBER, Role.FEATURE),
                        SourceSchema.Field.of("Machine failure", ColumnKind.FLAG, Role.FAILURE)),
                null,
                null,
                null);
        assertThat(ModelKind.auto(table)).isEqualTo(ModelKind.TVAE);
        assertThat(ModelKind.parse("auto", fleet.schema())).isEqualTo(ModelKind.TRAJECTORY);
        assertThat(ModelKind.parse(null, table)).isEqualTo(ModelKind.TVAE);
        assertThat(ModelKind.parse("TVAE", fleet.schema())).isEqualTo(ModelKind.TVAE);
        assertThatThrownBy(() -> ModelKind.parse("gan", table))
                .hasMessageContaining("trajectory")
                .hasMessageContaining("tvae");
        assertThat(ModelKind.TRAJECTORY.fits(table)).isFalse();
        SourceTable rows = new SourceTable(
                table,
                new ColumnTable(List.of(
                        new Column.Numeric("Torque [Nm]", new double[] {40, 41}),
                        new Column.Numeric("Machine failure", new double[] {0, 1}))));
        assertThatThrownBy(
                        () -> ModelKind.TRAJECTORY.fit(rows, FitOptions.defaults(), TrainingListener.NONE, () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tvae");
    }

    @Test
    void trainingWithHeldOutUnitsScoresThenRefitsOnEveryUnit() throws Exception {
        SourceTable train = fleet(1, 32);
        SourceTable holdout = fleet(33, UNITS);
        ModelTraining.Trained trained = ModelTraining.train(
                train,
                holdout,
                ModelKind.TRAJECTORY,
                FitOptions.defaults().withSeed(3),
                TrainingListener.NONE,
                () -> false);
        assertThat(trained.kind()).isEqualTo(ModelKind.TRAJECTORY);
        assertThat(trained.heldOut()).isNotNull();
        assertThat(trained.heldOut().units()).isEqualTo(UNITS - 32);
        assertThat(trained.heldOut().rows()).isEqualTo(holdout.rows());
        assertThat(trained.heldOut().refit()).isTrue();
        assertThat(trained.heldOut().overall()).isBetween(0.0, 1.0);
        // The saved model is the refit on all 40 units, not the one the figures describe.
        assertThat(trained.model().summary().details().get("lives")).isEqualTo(UNITS);

        trained.save(dir);
        JsonNode evaluation = new ObjectMapper()
                .readTree(dir.resolve(ModelTraining.EVALUATION_FILE).toFile());
        assertThat(evaluation.path("refit_on_all_units").asBoolean()).isTrue();
        assertThat(evaluation.path("units").asInt()).isEqualTo(8);
        assertThat(ModelTraining.heldOut(dir))
                .hasValueSatisfying(h -> assertThat(h.refit()).isTrue());
        assertThat(Synthesizers.load(dir).summary().details().get("lives")).isEqualTo(UNITS);
    }

    @Test
    void trainingWithoutHeldOutUnitsWritesNoEvaluation() throws Exception {
        ModelTraining.Trained trained = ModelTraining.train(
                fleet, null, ModelKind.TRAJECTORY, FitOptions.defaults(), TrainingListener.NONE, () -> false);
        assertThat(trained.heldOut()).isNull();
        trained.save(dir);
        assertThat(dir.resolve(ModelTraining.EVALUATION_FILE)).doesNotExist();
        assertThat(ModelTraining.heldOut(dir)).isEmpty();
    }
}
