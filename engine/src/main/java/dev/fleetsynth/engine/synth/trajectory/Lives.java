package dev.fleetsynth.engine.synth.trajectory;

import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The run-to-failure histories of a source. A unit holds several lives when it failed several times
 * (its RUL rises again after a failure). Each row gets its time to failure, uncapped: where RUL was
 * capped (piecewise-linear RUL), it is counted back from the first row below the cap along the
 * order column, so the model learns true lifetimes.
 */
final class Lives {
    private Lives() {}

    /**
     * @param from     first row
     * @param to       one past the last row
     * @param ttf      time to failure of each row, in RUL units
     * @param complete whether the life ends at a failure (its last row's time to failure is 0)
     */
    record Life(int from, int to, double[] ttf, boolean complete) {
        int length() {
            return to - from;
        }
    }

    static List<Life> of(SourceTable t) {
        SourceSchema s = t.schema();
        double[] rul = t.rul();
        if (rul == null || s.order() == null) {
            throw new IllegalArgumentException("lives need RUL and an order column");
        }
        double[] order = t.numeric(s.order().column());
        int[] unit = t.unitIndex();
        double cap = s.rulCap() == null ? Double.POSITIVE_INFINITY : s.rulCap();
        double perOrder = s.order().kind() == SourceSchema.OrderKind.TIMESTAMP ? 1.0 / 3_600_000_000.0 : 1.0;
        double tolerance = 0.5 * s.order().stepInRulUnits();
        List<Life> lives = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= rul.length; i++) {
            boolean end = i == rul.length || unit[i] != unit[i - 1] || rul[i] > rul[i - 1] + tolerance;
            if (!end) {
                continue;
            }
            double[] ttf = new double[i - from];
            for (int k = i - 1; k >= from; k--) {
                int j = k - from;
                if (k == i - 1 || rul[k] < cap - 1e-9) {
                    ttf[j] = rul[k];
                } else {
                    ttf[j] = ttf[j + 1] + Math.max(0, (order[k + 1] - order[k]) * perOrder);
                }
            }
            lives.add(new Life(from, i, ttf, ttf[ttf.length - 1] <= tolerance));
            from = i;
        }
        return lives;
    }
}
