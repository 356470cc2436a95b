package dev.fleetsynth.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetsynth.engine.quality.Cycles;
import dev.fleetsynth.engine.quality.Metrics;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CycleArrangerTest {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    static ColumnTable sampled(int rows, long seed) {
        Random r = new Random(seed);
        double[] rul = new double[rows];
        double[] temp = new double[rows];
        for (int i = 0; i < rows; i++) {
            rul[i] = r.nextDouble() * 1000;
            temp[i] = 40 + 35 * (1 - rul[i] / 1000) + r.nextGaussian();
        }
        return new ColumnTable(List.of(new Column.Numeric("rul", rul), new Column.Numeric("bearing_temp_C", temp)));
    }

    @Test
    void splitsHoldExactlyTheAskedRowsInWholeCyclesOfTheirOwn() {
        SplitSizes sizes = new SplitSizes(35_000, 7_500, 7_500);
        CycleArranger.Splits s = CycleArranger.arrange("motor_x_001", sampled(50_000, 1), sizes, 3_333.3, START, 9);
        assertThat(s.train().rows()).isEqualTo(35_000);
        assertThat(s.val().rows()).isEqualTo(7_500);
        assertThat(s.test().rows()).isEqualTo(7_500);
        Set<Integer> train = cycles(s.train());
        Set<Integer> val = cycles(s.val());
        Set<Integer> test = cycles(s.test());
        assertThat(train).hasSize(11).doesNotContainAnyElementsOf(val).doesNotContainAnyElementsOf(test);
        assertThat(val).hasSize(2).doesNotContainAnyElementsOf(test);
        assertThat(test).hasSize(2);
        for (SensorTable t : List.of(s.train(), s.val(), s.test())) {
            assertThat(t.machineId()).isEqualTo("motor_x_001");
            assertThat(t.sensorNames()).containsExactly("bearing_temp_C");
            assertRunToFailure(t);
        }
        assertThat(s.val().timestampMicros()[0])
                .isGreaterThan(s.train().timestampMicros()[s.train().rows() - 1]);
        assertThat(s.train().timestampMicros()[0]).isEqualTo(START.toEpochMilli() * 1000);
    }

    @Test
    void everySampledValueIsUsedOnceAndRulStaysNearItsRow() {
        ColumnTable in = sampled(3_000, 2);
        CycleArranger.Splits s = CycleArranger.arrange("m_001", in, SplitSizes.of(3_000), 1_000, START, 3);
        List<SensorTable> splits = List.of(s.train(), s.val(), s.test());
        double[] rul = ((Column.Numeric) in.column("rul").orElseThrow()).values();
        double[] temp = ((Column.Numeric) in.column("bearing_temp_C").orElseThrow()).values();
        assertThat(sorted(splits.stream()
                        .flatMapToDouble(t -> Arrays.stream(t.rul()))
                        .toArray()))
                .containsExactly(sorted(rul));
        assertThat(sorted(splits.stream()
                        .flatMapToDouble(t -> Arrays.stream(t.sensor("bearing_temp_C")))
                        .toArray()))
                .containsExactly(sorted(temp));
        // A row's sensors take the RUL of a row of the same band: at most about 1 % of the 1,000-hour
        // range away (CycleTracks.MIN_BANDS), in splits of 2,100 and 450 rows alike.
        java.util.Map<Double, Double> rulOfTemp = new java.util.HashMap<>();
        for (int i = 0; i < rul.length; i++) {
            rulOfTemp.put(temp[i], rul[i]);
        }
        for (SensorTable t : splits) {
            double worst = 0;
            for (int k = 0; k < t.rows(); k++) {
                worst = Math.max(worst, Math.abs(t.rul()[k] - rulOfTemp.get(t.sensor("bearing_temp_C")[k])));
            }
            assertThat(worst)
                    .as("largest RUL shift in a split of %d rows", t.rows())
                    .isLessThan(25);
        }
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    @Test
    void defaultSplitIsSeventyFifteenFifteen() {
        assertThat(SplitSizes.of(50_000)).isEqualTo(new SplitSizes(35_000, 7_500, 7_500));
        assertThat(SplitSizes.of(1_001).total()).isEqualTo(1_001);
        assertThatThrownBy(() -> new SplitSizes(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CycleArranger.arrange("m_001", sampled(10, 1), SplitSizes.of(12), 5, START, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedSameArrangement() {
        ColumnTable in = sampled(5_000, 4);
        CycleArranger.Splits a = CycleArranger.arrange("m_001", in, SplitSizes.of(5_000), 700, START, 5);
        CycleArranger.Splits b = CycleArranger.arrange("m_001", in, SplitSizes.of(5_000), 700, START, 5);
        assertThat(a.train().sameData(b.train())).isTrue();
        assertThat(a.test().sameData(b.test())).isTrue();
    }

    /** A seed's readings are its own interval apart (it follows from its lifetimes and rows), and so are its datasets'. */
    @Test
    void readingsAreTheSeedsIntervalApart() {
        long step = 1_159_000_000L;
        SensorTable train = CycleArranger.arrange("m_001", sampled(3_000, 4), SplitSizes.of(3_000), 700, START, 5, step)
                .train();
        for (int i = 1; i < train.rows(); i++) {
            if (train.cycle()[i] == train.cycle()[i - 1]) {
                assertThat(train.timestampMicros()[i] - train.timestampMicros()[i - 1])
                        .isEqualTo(step);
            }
        }
    }

    @Test
    void consecutiveRowsOfACycleAreAlikeWhereTheSampledMachinesDiffer() {
        // Rows from 12 machines that run hotter or cooler than one another, plus noise of one hour:
        // a cycle should follow one level instead of jumping between them every row.
        Random r = new Random(6);
        int rows = 12_000;
        double[] rul = new double[rows];
        double[] temp = new double[rows];
        double[] current = new double[rows];
        for (int i = 0; i < rows; i++) {
            int machine = i % 12;
            rul[i] = r.nextDouble() * 1000;
            temp[i] = 40 + 30 * (1 - rul[i] / 1000) + 3 * machine + 0.3 * r.nextGaussian();
            current[i] = 10 - 0.4 * machine + 0.05 * r.nextGaussian();
        }
        ColumnTable in = new ColumnTable(List.of(
                new Column.Numeric("rul", rul),
                new Column.Numeric("bearing_temp_C", temp),
                new Column.Numeric("current_A", current)));
        SensorTable train = CycleArranger.arrange("m_001", in, new SplitSizes(10_000, 1_000, 1_000), 1_000, START, 8)
                .train();
        assertRunToFailure(train);
        int[][] groups = Cycles.groups(train.cycle());
        assertThat(groups).hasNumberOfRows(10);
        for (int[] g : groups) {
            assertThat(g.length).isBetween(999, 1001);
        }
        // the same rows dealt at random into cycles of the same lengths, each sorted by RUL
        List<Integer> order = new java.util.ArrayList<>(
                IntStream.range(0, train.rows()).boxed().toList());
        java.util.Collections.shuffle(order, new Random(1));
        int[][] dealt = new int[groups.length][];
        int at = 0;
        for (int c = 0; c < groups.length; c++) {
            dealt[c] = order.subList(at, at + groups[c].length).stream()
                    .sorted((a, b) -> Double.compare(train.rul()[b], train.rul()[a]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            at += groups[c].length;
        }
        for (String sensor : List.of("bearing_temp_C", "current_A")) {
            double matched = Metrics.lag1Autocorrelation(train.sensor(sensor), groups);
            double random = Metrics.lag1Autocorrelation(train.sensor(sensor), dealt);
            assertThat(matched)
                    .as(sensor + ": matched %.3f, random %.3f", matched, random)
                    .isGreaterThan(random + 0.3);
        }
    }

    @Test
    void manyCyclesAreMatchedInGroupsAndEveryRowIsKept() {
        ColumnTable in = sampled(20_000, 7);
        SensorTable train = CycleArranger.arrange("m_001", in, new SplitSizes(16_000, 2_000, 2_000), 50, START, 2)
                .train();
        assertRunToFailure(train);
        int[][] groups = Cycles.groups(train.cycle());
        assertThat(groups.length).isEqualTo(320).isGreaterThan(CycleTracks.MAX_CYCLES);
        for (int[] g : groups) {
            assertThat(g.length).isBetween(49, 51);
            // each cycle runs from near the top of the RUL range to near failure
            assertThat(train.rul()[g[0]]).isGreaterThan(900);
            assertThat(train.rul()[g[g.length - 1]]).isLessThan(100);
        }
    }

    @Test
    void dealingGivesEachCycleTheRowsNearestToItsLastOne() {
        // rows in RUL order, each row's one feature equal to its index; 10 rows fill less than one
        // band of 3 x 4 rows
        int[] rows = {9, 4, 7, 1, 0, 3, 8, 2, 6, 5};
        double[][] features = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}};
        CycleTracks.Track[] cycles = CycleTracks.deal(rows, features, 3, 4);
        // Worked by hand: 9, 4 and 7 start the cycles, which end with 4, 3 and 3 rows. Closest pairs
        // first (distance 1: 9-8, 4-3, 4-5, 7-6; 7-8 comes too late), then 7-2 (25), 9-1 (64), 9-0 (81).
        // Each cycle takes its rows' RUL in RUL order, and their sensors along the path from its last
        // row to the nearest row left: 9 -> 8 -> 1 -> 0 (1 before 0: 49 against 64), 4 -> 3 -> 5
        // (a tie: the earlier in RUL order), 7 -> 6 -> 2.
        assertThat(cycles[0].rulRows()).containsExactly(9, 1, 0, 8);
        assertThat(cycles[0].sensorRows()).containsExactly(9, 8, 1, 0);
        assertThat(cycles[1].rulRows()).containsExactly(4, 3, 5);
        assertThat(cycles[1].sensorRows()).containsExactly(4, 3, 5);
        assertThat(cycles[2].rulRows()).containsExactly(7, 2, 6);
        assertThat(cycles[2].sensorRows()).containsExactly(7, 6, 2);
        assertThatThrownBy(() -> CycleTracks.deal(rows, features, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CycleTracks.deal(rows, features, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dealingKeepsEveryRowOnceInRulOrderWithLengthsOneApart() {
        Random r = new Random(3);
        int n = 1_000;
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            value[i] = r.nextGaussian();
        }
        int[] rows = IntStream.range(0, n).map(i -> n - 1 - i).toArray();
        for (int cycles : new int[] {1, 2, 7, 31, 64}) {
            CycleTracks.Track[] dealt = CycleTracks.deal(rows, new double[][] {value}, cycles);
            assertThat(dealt).hasSize(cycles);
            for (int c = 0; c < cycles; c++) {
                int[] rul = dealt[c].rulRows();
                assertThat(rul).hasSize(n / cycles + (c < n % cycles ? 1 : 0));
                // rows[] runs from n - 1 down, so RUL order is descending row number
                for (int k = 1; k < rul.length; k++) {
                    assertThat(rul[k]).isLessThan(rul[k - 1]);
                }
                // the sensors of the same rows, in the order of the walk
                assertThat(dealt[c].sensorRows()).containsExactlyInAnyOrder(rul);
            }
            assertThat(Arrays.stream(dealt)
                            .flatMapToInt(t -> Arrays.stream(t.rulRows()))
                            .sorted()
                            .toArray())
                    .containsExactly(IntStream.range(0, n).toArray());
        }
    }

    static Set<Integer> cycles(SensorTable t) {
        Set<Integer> s = new HashSet<>();
        for (int c : t.cycle()) {
            s.add(c);
        }
        return s;
    }

    static void assertRunToFailure(SensorTable t) {
        for (int i = 1; i < t.rows(); i++) {
            if (t.cycle()[i] == t.cycle()[i - 1]) {
                assertThat(t.rul()[i]).isLessThanOrEqualTo(t.rul()[i - 1]);
                assertThat(t.timestampMicros()[i] - t.timestampMicros()[i - 1]).isEqualTo(CycleArranger.HOUR_MICROS);
            } else {
                assertThat(t.cycle()[i]).isEqualTo(t.cycle()[i - 1] + 1);
                assertThat(t.timestampMicros()[i]).isGreaterThan(t.timestampMicros()[i - 1]);
            }
        }
    }
}
