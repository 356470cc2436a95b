package dev.fleetsynth.engine.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/** {@link Lifetimes}: KS on the lengths of the units that run to failure. */
final class LifetimeMetric implements QualityMetric {
    /**
     * The largest KS statistic that always passes; with few lives the limit is the two-sample test's
     * 5 % critical value when that is larger (8 real against 12 synthetic lives: 0.62), since a seed's
     * three to seven lives make larger gaps by chance. The benchmarks aim at 0.2.
     */
    static final double MAX_KS = 0.3;

    @Override
    public String key() {
        return "lifetimes";
    }

    @Override
    public Optional<Measured> measure(QualityInputs in) {
        List<Double> real = new ArrayList<>(lives(in.real()));
        if (in.unseen() != null && in.unseen().cycle() != null) {
            real.addAll(lives(in.unseen()));
        }
        List<Double> synthetic = lives(in.synthetic());
        if (real.size() < 2 || synthetic.size() < 2) {
            in.notes().add("lifetimes skipped: fewer than two units run to failure on a side");
            return Optional.empty();
        }
        double[] r = real.stream().mapToDouble(Double::doubleValue).toArray();
        double[] s = synthetic.stream().mapToDouble(Double::doubleValue).toArray();
        StandardDeviation sd = new StandardDeviation();
        Lifetimes l = new Lifetimes(
                r.length,
                s.length,
                Arrays.stream(r).average().orElseThrow(),
                Arrays.stream(s).average().orElseThrow(),
                sd.evaluate(r),
                sd.evaluate(s),
                Metrics.ksStatistic(r, s));
        // with a seed's few lives a KS of 0.3 is chance: the limit is never below the two-sample 5 % critical value
        double limit =
                Math.max(MAX_KS, 1.36 * Math.sqrt((double) (r.length + s.length) / ((double) r.length * s.length)));
        return Optional.of(
                new Measured(
                        l,
                        List.of(
                                QualityCheck.atMost(
                                        "lifetimes",
                                        l.ks(),
                                        limit,
                                        String.format(
                                                java.util.Locale.ROOT,
                                                "KS of lifetimes (mean %.0f synthetic, %.0f real readings)",
                                                l.syntheticMean(),
                                                l.realMean()),
                                        "the spread of lifetimes is lost: train the trajectory model, which draws each unit's lifetime"))));
    }

    /** Readings per unit, for the units that run to failure. */
    static List<Double> lives(Evaluation.Series s) {
        return completeUnits(s).stream().map(rows -> (double) rows.length).toList();
    }

    /** The rows of each unit whose last reading is a failure (RUL within one step of 0), in table order. */
    static List<int[]> completeUnits(Evaluation.Series s) {
        List<int[]> out = new ArrayList<>();
        for (int[] rows : Cycles.groups(s.cycle())) {
            if (rows.length < 2) {
                continue;
            }
            double[] steps = new double[rows.length - 1];
            for (int k = 1; k < rows.length; k++) {
                steps[k - 1] = Math.abs(s.rul()[rows[k - 1]] - s.rul()[rows[k]]);
            }
            Arrays.sort(steps);
            double step = steps[steps.length / 2];
            double last = s.rul()[rows[rows.length - 1]];
            if (last <= 1.5 * step + 1e-9) {
                out.add(rows);
            }
        }
        return out;
    }
}
