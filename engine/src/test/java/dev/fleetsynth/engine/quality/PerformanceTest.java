package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import org.junit.jupiter.api.Test;

/**
 * The report must stay cheap enough to run after every generation: 50,000 synthetic against
 * 10,000 real rows of 5 columns (RUL and four sensors). The first call, cold JIT included, is what
 * a CLI run pays. The bounds are several times the measured times (about 0.05 s without the
 * regressors, 0.4 s in all, on two cores) so that a busy CI machine does not fail the build;
 * the times are printed.
 */
class PerformanceTest {
    @Test
    void fiftyThousandAgainstTenThousandRows() {
        SensorTable real = Tables.firstSensors(Tables.seed(10_000, 1), 4);
        SensorTable syn = Tables.firstSensors(Tables.seed(50_000, 2), 4);
        Evaluation.Series rs = Evaluation.Series.of(real);
        Evaluation.Series ss = Evaluation.Series.of(syn);
        ColumnTable rt = ColumnTable.learnable(real);
        ColumnTable st = ColumnTable.learnable(syn);

        long t0 = System.nanoTime();
        QualityReport first = QualityReport.evaluate(real, syn, 1);
        long firstFull = System.nanoTime() - t0;
        t0 = System.nanoTime();
        Evaluation.run(rt, st, rs, ss, 1, Thresholds.DEFAULT, false);
        long firstNoUtility = System.nanoTime() - t0;

        long bestFull = Long.MAX_VALUE;
        long bestNoUtility = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            t0 = System.nanoTime();
            QualityReport.evaluate(real, syn, 1);
            bestFull = Math.min(bestFull, System.nanoTime() - t0);
            t0 = System.nanoTime();
            Evaluation.run(rt, st, rs, ss, 1, Thresholds.DEFAULT, false);
            bestNoUtility = Math.min(bestNoUtility, System.nanoTime() - t0);
        }
        System.out.printf("quality report 50k vs 10k rows, 5 columns: full %d ms (first %d ms), without utility %d ms (first %d ms)%n",
                bestFull / 1_000_000, firstFull / 1_000_000, bestNoUtility / 1_000_000, firstNoUtility / 1_000_000);
        assertThat(first.columnScores()).hasSize(5);
        assertThat(firstNoUtility / 1e9).isLessThan(1.0);
        assertThat(firstFull / 1e9).isLessThan(3.0);
    }
}
