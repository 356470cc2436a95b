package dev.fleetsynth.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(s.val().timestampMicros()[0]).isGreaterThan(s.train().timestampMicros()[s.train().rows() - 1]);
        assertThat(s.train().timestampMicros()[0]).isEqualTo(START.toEpochMilli() * 1000);
    }

    @Test
    void everySampledRowIsUsedOnceWithItsSensorValues() {
        ColumnTable in = sampled(3_000, 2);
        CycleArranger.Splits s = CycleArranger.arrange("m_001", in, SplitSizes.of(3_000), 1_000, START, 3);
        double[] inRul = ((Column.Numeric) in.column("rul").orElseThrow()).values().clone();
        double[] outRul = IntStream.range(0, 3).mapToObj(i -> List.of(s.train(), s.val(), s.test()).get(i))
                .flatMapToDouble(t -> Arrays.stream(t.rul())).toArray();
        Arrays.sort(inRul);
        Arrays.sort(outRul);
        assertThat(outRul).containsExactly(inRul);
        // a row's sensor value travels with its RUL
        double[] temp = ((Column.Numeric) in.column("bearing_temp_C").orElseThrow()).values();
        double[] rul = ((Column.Numeric) in.column("rul").orElseThrow()).values();
        int k = 17;
        double r = s.train().rul()[k];
        int src = IntStream.range(0, rul.length).filter(i -> rul[i] == r).findFirst().orElseThrow();
        assertThat(s.train().sensor("bearing_temp_C")[k]).isEqualTo(temp[src]);
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
