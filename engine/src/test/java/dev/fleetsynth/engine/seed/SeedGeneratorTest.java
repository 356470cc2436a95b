package dev.fleetsynth.engine.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.catalog.Templates;
import dev.fleetsynth.engine.profile.DegradationPattern;
import dev.fleetsynth.engine.profile.FailureMode;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ResponseCurve;
import dev.fleetsynth.engine.profile.RulSettings;
import dev.fleetsynth.engine.profile.SensorSpec;
import dev.fleetsynth.engine.table.SensorTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeedGeneratorTest {
    private static final long HOUR_MICROS = 3_600_000_000L;
    private static final MachineProfile MOTOR =
            Catalog.profile("motor_siemens_1la7_001").orElseThrow();

    static Stream<MachineProfile> everyShippedProfile() {
        return Stream.concat(
                Catalog.machines().stream().map(Catalog.Entry::profile),
                Templates.all().stream().map(Templates.Template::profile));
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000, 33_333, 100_000})
    void producesExactlyTheRequestedRows(int rows) {
        SensorTable t = SeedGenerator.generate(MOTOR, new SeedOptions(rows, 1));
        assertThat(t.rows()).isEqualTo(rows);
        assertThat(t.sensorNames())
                .containsExactly("bearing_de_temp_C", "winding_temp_C", "vibration_mm_s", "current_A");
        assertThat(t.machineId()).isEqualTo("motor_siemens_1la7_001");
    }

    @ParameterizedTest
    @MethodSource("everyShippedProfile")
    void everyProfileGivesRunToFailureCycles(MachineProfile profile) {
        SensorTable t = SeedGenerator.generate(profile, new SeedOptions(3_000, 11));
        int cycles = profile.rul().cycles();
        assertThat(t.cycles()).as("cycles").isEqualTo(cycles);
        assertThat(t.cycle()[0]).isEqualTo(1);
        assertThat(t.cycle()[t.rows() - 1]).isEqualTo(cycles);
        for (int i = 1; i < t.rows(); i++) {
            int prev = t.cycle()[i - 1];
            int cur = t.cycle()[i];
            assertThat(cur).as("cycles are contiguous and ascending").isIn(prev, prev + 1);
            if (cur == prev) {
                assertThat(t.rul()[i])
                        .as("RUL strictly decreasing in cycle %d at row %d", cur, i)
                        .isLessThan(t.rul()[i - 1]);
                assertThat((double) (t.timestampMicros()[i] - t.timestampMicros()[i - 1]))
                        .as("one interval between readings")
                        .isCloseTo(t.timestampMicros()[1] - t.timestampMicros()[0], within(1.0));
            } else {
                assertThat(t.rul()[i - 1])
                        .as("RUL reaches 0 at the end of cycle %d", prev)
                        .isZero();
                assertThat(t.timestampMicros()[i]).isGreaterThan(t.timestampMicros()[i - 1]);
            }
        }
        assertThat(t.rul()[t.rows() - 1]).isZero();
        double max = profile.rul().maxRul();
        for (int i = 0; i < t.rows(); i++) {
            if (i == 0 || t.cycle()[i] != t.cycle()[i - 1]) {
                assertThat(t.rul()[i]).as("a lifetime drawn around max_rul").isBetween(0.5 * max, 1.5 * max);
            }
        }
        for (double[] column : t.sensors()) {
            assertThat(Arrays.stream(column).allMatch(Double::isFinite)).isTrue();
        }
    }

    /** A sensor whose range is positive rises as the machine nears failure, so it falls with RUL, and the other way round. */
    @ParameterizedTest
    @MethodSource("everyShippedProfile")
    void sensorsCorrelateWithRulAsTheirRangeImplies(MachineProfile profile) {
        SensorTable t = SeedGenerator.generate(profile, new SeedOptions(10_000, 5));
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        for (SensorSpec s : profile.sensors()) {
            double rho = pearson.correlation(t.sensor(s.name()), t.rul());
            assertThat(Math.signum(rho))
                    .as("sign of corr(%s, rul) = %.3f for range %s", s.name(), rho, s.range())
                    .isEqualTo(-Math.signum(s.range()));
            assertThat(Math.abs(rho)).as("|corr(%s, rul)|", s.name()).isGreaterThan(0.2);
        }
    }

    @Test
    void sameSeedGivesIdenticalDataAndAnotherSeedDoesNot() {
        SensorTable a = SeedGenerator.generate(MOTOR, new SeedOptions(10_000, 7));
        SensorTable b = SeedGenerator.generate(MOTOR, new SeedOptions(10_000, 7));
        SensorTable c = SeedGenerator.generate(MOTOR, new SeedOptions(10_000, 8));
        assertThat(a.sameData(b)).isTrue();
        assertThat(a.sameData(c)).isFalse();
        assertThat(a.sensor("vibration_mm_s")).isNotEqualTo(c.sensor("vibration_mm_s"));
    }

    @Test
    void theHoldoutIsAnotherDrawOfTheSameShape() {
        SeedOptions options = new SeedOptions(10_000, 7);
        SensorTable seed = SeedGenerator.generate(MOTOR, options);
        SensorTable holdout = SeedGenerator.generate(MOTOR, options.holdout());
        assertThat(options.holdout()).isEqualTo(new SeedOptions(10_000, -8));
        assertThat(holdout.rows()).isEqualTo(seed.rows());
        assertThat(holdout.cycles()).isEqualTo(seed.cycles());
        assertThat(holdout.sensorNames()).isEqualTo(seed.sensorNames());
        assertThat(holdout.sensor("vibration_mm_s")).isNotEqualTo(seed.sensor("vibration_mm_s"));
        // not the seed of the next run either
        assertThat(holdout.sameData(SeedGenerator.generate(MOTOR, new SeedOptions(10_000, 8))))
                .isFalse();
    }

    @Test
    void machinesOfTheSameDesignGetLivesOfTheirOwn() {
        MachineProfile other = MOTOR.withIdentity("motor_siemens_1la7_002", "Siemens", "1LA7");
        SensorTable a = SeedGenerator.generate(MOTOR, new SeedOptions(5_000, 7));
        SensorTable b = SeedGenerator.generate(other, new SeedOptions(5_000, 7));
        assertThat(a.sensor("current_A")).isNotEqualTo(b.sensor("current_A"));
        assertThat(b.machineId()).isEqualTo("motor_siemens_1la7_002");
    }

    @Test
    void timestampsStartAtTheStartAndStepByTheIntervalTheLifetimesGive() {
        Instant start = Instant.parse("2024-03-01T06:00:00Z");
        SensorTable t = SeedGenerator.generate(MOTOR, new SeedOptions(1_000, 3, start));
        assertThat(t.timestampMicros()[0]).isEqualTo(start.toEpochMilli() * 1000);
        double lives = 0;
        for (int i = 0; i < t.rows(); i++) {
            if (i == 0 || t.cycle()[i] != t.cycle()[i - 1]) {
                lives += t.rul()[i];
            }
        }
        double interval = lives / (t.rows() - t.cycles());
        assertThat((double) (t.timestampMicros()[1] - t.timestampMicros()[0]))
                .isCloseTo(interval * HOUR_MICROS, within(1.0));
    }

    /** The complaint: hourly readings whose RUL fell by 0.32 h a row. RUL is now the hours to the cycle's last reading. */
    @ParameterizedTest
    @MethodSource("everyShippedProfile")
    void rulIsTheTimeToFailureOnTheRowsOwnClock(MachineProfile profile) {
        SensorTable t = SeedGenerator.generate(profile, new SeedOptions(3_000, 11));
        int last = t.rows() - 1;
        for (int i = t.rows() - 1; i >= 0; i--) {
            if (i < t.rows() - 1 && t.cycle()[i] != t.cycle()[i + 1]) {
                last = i;
            }
            double hoursToEnd = (t.timestampMicros()[last] - t.timestampMicros()[i]) / (double) HOUR_MICROS;
            assertThat(t.rul()[i]).as("row %d of cycle %d", i, t.cycle()[i]).isCloseTo(hoursToEnd, within(1e-6));
        }
    }

    @Test
    void lifetimesVaryFromCycleToCycleAsDrawn() {
        SensorTable t = SeedGenerator.generate(MOTOR, new SeedOptions(10_000, 3));
        java.util.Set<Double> first = new java.util.HashSet<>();
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        int from = 0;
        for (int i = 1; i <= t.rows(); i++) {
            if (i == t.rows() || t.cycle()[i] != t.cycle()[i - 1]) {
                first.add(t.rul()[from]);
                lengths.add(i - from);
                from = i;
            }
        }
        assertThat(first).as("lifetimes").hasSize(t.cycles());
        assertThat(lengths.size()).as("distinct cycle lengths").isGreaterThan(t.cycles() / 2);
    }

    @Test
    void rowsOutsideTheAllowedRangeAreRefused() {
        assertThatThrownBy(() -> new SeedOptions(999, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000..100000");
        assertThatThrownBy(() -> new SeedOptions(100_001, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SeedOptions.defaults().rows()).isEqualTo(10_000);
    }

    @Test
    void anInvalidProfileIsRefused() {
        MachineProfile bad = MOTOR.withIdentity("X", "", "");
        assertThatThrownBy(() -> SeedGenerator.generate(bad, SeedOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("machine_id");
    }

    @Test
    void noiseIsAutocorrelated() {
        MachineProfile flat =
                single(new SensorSpec("ambient_temp_C", "C", 20, 0, 1.0, ResponseCurve.LINEAR), List.of());
        double[] x = SeedGenerator.generate(flat, new SeedOptions(20_000, 9)).sensor("ambient_temp_C");
        double lag1 = new PearsonsCorrelation()
                .correlation(Arrays.copyOfRange(x, 0, x.length - 1), Arrays.copyOfRange(x, 1, x.length));
        assertThat(lag1).isBetween(SeedGenerator.NOISE_AR - 0.08, SeedGenerator.NOISE_AR + 0.08);
        double sd = Math.sqrt(
                Arrays.stream(x).map(v -> (v - 20) * (v - 20)).average().orElseThrow());
        assertThat(sd)
                .as("stationary noise close to the profile's, plus unit-to-unit offsets")
                .isBetween(0.9, 1.3);
    }

    @Test
    void theFailingModesSensorsMoveMoreThanTheOthers() {
        List<SensorSpec> sensors = List.of(
                new SensorSpec("a_temp_C", "C", 50, 30, 0.2, ResponseCurve.LINEAR),
                new SensorSpec("b_temp_C", "C", 50, 30, 0.2, ResponseCurve.LINEAR));
        // Mode "a" all but always fails first; "b" is the secondary mode.
        List<FailureMode> modes = List.of(
                new FailureMode("a_wear", List.of("a_temp_C"), 1, ""),
                new FailureMode("b_wear", List.of("b_temp_C"), 1e-9, ""));
        MachineProfile p = new MachineProfile(
                "two_modes_001",
                "custom",
                "",
                "",
                sensors,
                modes,
                Map.of(),
                new RulSettings(1000, 4, DegradationPattern.LINEAR_SLOW, 10));
        SensorTable t = SeedGenerator.generate(p, new SeedOptions(8_000, 2));
        double riseA = rise(t, "a_temp_C");
        double riseB = rise(t, "b_temp_C");
        assertThat(riseA).isBetween(0.75 * 30, 1.25 * 30);
        assertThat(riseB)
                .isBetween(0.75 * 30 * SeedGenerator.SECONDARY_RESPONSE, 1.25 * 30 * SeedGenerator.SECONDARY_RESPONSE);
    }

    @Test
    void quantitiesThatCannotBeNegativeStayAtOrAboveZero() {
        MachineProfile p =
                single(new SensorSpec("leak_l_min", "L/min", 0.05, 1.0, 0.5, ResponseCurve.CONVEX), List.of());
        double[] x = SeedGenerator.generate(p, new SeedOptions(5_000, 4)).sensor("leak_l_min");
        assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        MachineProfile cold =
                single(new SensorSpec("freezer_temp_C", "C", 0.05, 1.0, 0.5, ResponseCurve.LINEAR), List.of());
        double[] y = SeedGenerator.generate(cold, new SeedOptions(5_000, 4)).sensor("freezer_temp_C");
        assertThat(Arrays.stream(y).min().orElseThrow())
                .as("temperatures in C may go below zero")
                .isLessThan(0);
    }

    @Test
    void degradationFollowsThePattern() {
        MachineProfile linear = single(new SensorSpec("x_temp_C", "C", 0, 100, 0.01, ResponseCurve.LINEAR), List.of());
        MachineProfile exponential = new MachineProfile(
                linear.machineId(),
                linear.machineType(),
                "",
                "",
                linear.sensors(),
                List.of(),
                Map.of(),
                new RulSettings(1000, 1, DegradationPattern.EXPONENTIAL, 0));
        double[] lin =
                SeedGenerator.generate(linear, new SeedOptions(10_000, 1)).sensor("x_temp_C");
        double[] exp =
                SeedGenerator.generate(exponential, new SeedOptions(10_000, 1)).sensor("x_temp_C");
        // At mid-life a linear wear has done about half its damage, an accelerating one far less.
        assertThat(lin[5_000] / lin[9_999]).isBetween(0.4, 0.6);
        assertThat(exp[5_000] / exp[9_999]).isLessThan(0.2);
    }

    @Test
    void rowsAreSharedInProportionToLifetimes() {
        int[] share = SeedGenerator.shareRows(10_000, new double[] {1000, 500, 1500});
        assertThat(Arrays.stream(share).sum()).isEqualTo(10_000);
        assertThat(share).containsExactly(3_333, 1_667, 5_000);
    }

    @Test
    void progressIsReportedUpToTheTotal() {
        List<long[]> calls = new ArrayList<>();
        SeedGenerator.generate(MOTOR, new SeedOptions(20_000, 1), (done, total) -> calls.add(new long[] {done, total}));
        assertThat(calls).isNotEmpty();
        assertThat(calls.get(calls.size() - 1)).containsExactly(20_000, 20_000);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isGreaterThanOrEqualTo(calls.get(i - 1)[0]);
        }
    }

    private static MachineProfile single(SensorSpec sensor, List<FailureMode> modes) {
        return new MachineProfile(
                "test_machine_001",
                "custom",
                "",
                "",
                List.of(sensor),
                modes,
                Map.of(),
                new RulSettings(1000, 1, DegradationPattern.LINEAR_SLOW, 0));
    }

    /** Mean over cycles of (last 2 % of the cycle) minus (first 2 %). */
    private static double rise(SensorTable t, String sensor) {
        double[] x = t.sensor(sensor);
        double sum = 0;
        int cycles = 0;
        int start = 0;
        for (int i = 1; i <= t.rows(); i++) {
            if (i == t.rows() || t.cycle()[i] != t.cycle()[start]) {
                int len = i - start;
                int k = Math.max(5, len / 50);
                sum += Arrays.stream(x, i - k, i).average().orElseThrow()
                        - Arrays.stream(x, start, start + k).average().orElseThrow();
                cycles++;
                start = i;
            }
        }
        return sum / cycles;
    }
}
