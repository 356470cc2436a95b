package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtilityTest {
    private static final SensorTable REAL = Tables.seed(3_000, 11);
    private static final SensorTable UNSEEN = Tables.seed(3_000, 13);

    /** An independent draw from the process that made the real data: ratio about 1 (0.97 here). */
    @Test
    void syntheticFromTheSameProcessIsAboutAsUsefulAsReal() {
        Utility u = QualityReport.evaluate(REAL, Tables.seed(3_000, 12), 7).utility();
        assertThat(u.rmseRealTrained()).isPositive();
        assertThat(u.ratio()).isBetween(0.75, 1.35);
        assertThat(u.regressor()).contains("gradient-boosted");
    }

    /**
     * A copy of the real table holds the held-out rows too, so the synthetic-trained model is
     * scored on rows it learned from and beats the real-trained one (ratio about 0.67 here): the
     * report flags that as possible copying rather than calling it better than real.
     */
    @Test
    void syntheticEqualToRealScoresBelowOneAndIsFlagged() {
        QualityReport r = QualityReport.evaluate(REAL, REAL, 7);
        assertThat(r.utility().ratio()).isLessThan(1.0);
        assertThat(r.notes()).anyMatch(n -> n.contains("may copy real rows"));
    }

    /** Every column shuffled on its own: no sensor says anything about RUL any more (ratio about 3.9 here). */
    @Test
    void shuffledNoiseIsMuchWorse() {
        Utility u =
                QualityReport.evaluate(REAL, Tables.shuffledNoise(REAL, 3), 7).utility();
        assertThat(u.ratio()).isGreaterThan(2.0);
    }

    /**
     * Unseen rows are apart from the real table, so a copy of the real table is exactly as useful as
     * the real table: the two regressors learn the same rows with the same seed.
     */
    @Test
    void onUnseenRowsACopyOfTheRealTableIsExactlyAsUsefulAsReal() {
        QualityReport r = QualityReport.evaluate(REAL, REAL, UNSEEN, 7);
        assertThat(r.utility().ratio()).isEqualTo(1.0);
        assertThat(r.utility().unseenTest()).isTrue();
        assertThat(r.notes()).noneMatch(n -> n.contains("may copy real rows"));
    }

    @Test
    void unseenRowsAreTheTestRowsAndTheRealModelLearnsFromEveryRealRow() {
        Utility u =
                QualityReport.evaluate(REAL, Tables.seed(3_000, 12), UNSEEN, 7).utility();
        assertThat(u.testRows()).isEqualTo(UNSEEN.rows());
        assertThat(u.trainRowsReal()).isEqualTo(REAL.rows());
        assertThat(u.split()).contains(UNSEEN.rows() + " unseen real rows (" + UNSEEN.cycles() + " cycles)");
        assertThat(u.ratio()).isBetween(0.75, 1.35);
        assertThat(QualityReport.evaluate(REAL, Tables.seed(3_000, 12), UNSEEN, 7)
                        .toJson()
                        .get("utility")
                        .get("unseen_test")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void unseenRowsWithoutAFeatureColumnFallBackToHeldOutCycles() {
        SensorTable fewer = Tables.firstSensors(UNSEEN, UNSEEN.sensorNames().size() - 1);
        QualityReport r = QualityReport.evaluate(REAL, REAL, fewer, 7);
        assertThat(r.utility().unseenTest()).isFalse();
        assertThat(r.utility().split()).contains("held out");
        assertThat(r.notes())
                .anyMatch(n -> n.contains("unseen real table lacks ["
                        + REAL.sensorNames().get(REAL.sensorNames().size() - 1) + "]"));
    }

    @Test
    void anUnseenTableWithoutRulIsRefused() {
        ColumnTable real = ColumnTable.learnable(REAL);
        ColumnTable noRul = new ColumnTable(
                real.columns().stream().filter(c -> !c.name().equals("rul")).toList());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QualityReport.evaluate(real, real, noRul, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unseen table needs a numeric rul column");
    }

    @Test
    void heldOutRowsAreTheLastCycles() {
        Utility u = QualityReport.evaluate(REAL, REAL, 7).utility();
        int cycles = REAL.cycles();
        int held = Math.max(1, (int) Math.round(0.3 * cycles));
        long testRows = java.util.Arrays.stream(REAL.cycle())
                .filter(c -> c > cycles - held)
                .count();
        assertThat(u.testRows()).isEqualTo(testRows);
        assertThat(u.trainRowsReal()).isEqualTo(REAL.rows() - testRows);
        assertThat(u.trainRowsSynthetic()).isEqualTo(REAL.rows());
        assertThat(u.split()).contains("last " + held + " of " + cycles + " real cycles");
    }

    @Test
    void aSingleCycleIsSplitByRows() {
        int n = 100;
        long[] ts = new long[n];
        int[] cycle = new int[n];
        double[] rul = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i;
            cycle[i] = 1;
            rul[i] = n - 1 - i;
            s[i] = i * 0.5;
        }
        SensorTable one = new SensorTable("m", ts, cycle, rul, List.of("s"), List.of(s));
        Utility u = QualityReport.evaluate(one, one, 1).utility();
        assertThat(u.testRows()).isEqualTo(30);
        assertThat(u.trainRowsReal()).isEqualTo(70);
        assertThat(u.split()).contains("last 30 of 100 real rows");
    }

    @Test
    void sameSeedSameNumbers() {
        SensorTable syn = Tables.seed(3_000, 12);
        Utility a = QualityReport.evaluate(REAL, syn, 7).utility();
        Utility b = QualityReport.evaluate(REAL, syn, 7).utility();
        assertThat(a).isEqualTo(b);
    }
}
