package dev.fleetsynth.engine.quality;

import dev.fleetsynth.engine.table.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TemporalChecks}: order within cycles, correlation signs with RUL, lag-1 autocorrelation. */
final class TemporalMetric implements QualityMetric {
    /**
     * The largest lag-1 autocorrelation gap (synthetic minus real, any sensor) that passes. Rows dealt
     * into cycles were 0.1 to 0.3 off on a real run-to-failure dataset (smoother or rougher than the
     * real readings); the benchmarks aim at 0.05.
     */
    static final double MAX_LAG1_GAP = 0.15;

    @Override
    public String key() {
        return "temporal";
    }

    @Override
    public Optional<Measured> measure(QualityInputs in) {
        Evaluation.Series real = in.real();
        Evaluation.Series synthetic = in.synthetic();
        if (real.timestamps() == null || synthetic.timestamps() == null) {
            in.notes().add("temporal checks skipped: both tables need an order (timestamp)");
            return Optional.empty();
        }
        int[][] realGroups = Cycles.groups(real.cycle());
        int[][] synGroups = Cycles.groups(synthetic.cycle());
        double[] rul = synthetic.rul();
        long[] ts = synthetic.timestamps();
        int rulPassed = 0;
        int tsPassed = 0;
        for (int[] rows : synGroups) {
            boolean rulOk = true;
            boolean tsOk = true;
            for (int k = 0; k + 1 < rows.length; k++) {
                // Written as "not <=" so that a NaN RUL fails the cycle.
                if (!(rul[rows[k + 1]] <= rul[rows[k]])) {
                    rulOk = false;
                }
                if (ts[rows[k + 1]] <= ts[rows[k]]) {
                    tsOk = false;
                }
            }
            rulPassed += rulOk ? 1 : 0;
            tsPassed += tsOk ? 1 : 0;
        }

        Map<String, Column> synByName = Evaluation.byName(synthetic.others());
        List<TemporalChecks.CorrelationSign> signs = new ArrayList<>();
        List<TemporalChecks.Autocorrelation> autocorrelations = new ArrayList<>();
        for (Column rc : real.others()) {
            if (rc instanceof Column.Numeric rn && synByName.get(rc.name()) instanceof Column.Numeric sn) {
                double rr = Metrics.pearson(rn.values(), real.rul());
                double rs = Metrics.pearson(sn.values(), synthetic.rul());
                boolean kept = !Double.isNaN(rr) && !Double.isNaN(rs) && Math.signum(rr) == Math.signum(rs);
                signs.add(new TemporalChecks.CorrelationSign(rn.name(), rr, rs, kept));
                double ar = Metrics.lag1Autocorrelation(rn.values(), realGroups);
                double as = Metrics.lag1Autocorrelation(sn.values(), synGroups);
                autocorrelations.add(new TemporalChecks.Autocorrelation(rn.name(), ar, as, as - ar));
            }
        }
        TemporalChecks t = new TemporalChecks(
                TemporalChecks.CycleCheck.of(synGroups.length, rulPassed),
                TemporalChecks.CycleCheck.of(synGroups.length, tsPassed),
                signs,
                autocorrelations);
        List<QualityCheck> checks = new ArrayList<>();
        checks.add(QualityCheck.holds(
                "order",
                t.passed(),
                String.format(
                        java.util.Locale.ROOT,
                        "RUL never rises within a cycle in %d of %d cycles; time runs forward in %d of %d",
                        rulPassed,
                        synGroups.length,
                        tsPassed,
                        synGroups.length),
                "the rows are not histories: train the trajectory model (model: trajectory)"));
        autocorrelations.stream()
                .filter(a -> !Double.isNaN(a.difference()))
                .max(Comparator.comparingDouble(a -> Math.abs(a.difference())))
                .ifPresent(
                        a -> checks.add(
                                QualityCheck.atMost(
                                        "lag1_autocorrelation",
                                        Math.abs(a.difference()),
                                        MAX_LAG1_GAP,
                                        String.format(
                                                java.util.Locale.ROOT,
                                                "largest lag-1 autocorrelation gap (%s: %.3f synthetic, %.3f real)",
                                                a.sensor(),
                                                a.synthetic(),
                                                a.real()),
                                        a.difference() > 0
                                                ? "generated readings are smoother than real ones: train the trajectory model, or give it more units"
                                                : "generated readings are rougher than real ones: train the trajectory model, or give it more units")));
        return Optional.of(new Measured(t, checks));
    }
}
