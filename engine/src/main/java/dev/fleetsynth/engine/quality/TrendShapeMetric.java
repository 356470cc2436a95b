package dev.fleetsynth.engine.quality;

import dev.fleetsynth.engine.table.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TrendShape}: whether readings wear the way real ones do over a life. */
final class TrendShapeMetric implements QualityMetric {
    static final int BINS = 10;
    /** The largest gap that passes: the mean curve of every reading within half a standard deviation of the real one. */
    static final double MAX_GAP = 0.5;

    @Override
    public String key() {
        return "trend_shape";
    }

    @Override
    public Optional<Measured> measure(QualityInputs in) {
        List<int[]> realUnits = LifetimeMetric.completeUnits(in.real());
        List<int[]> synUnits = LifetimeMetric.completeUnits(in.synthetic());
        if (realUnits.isEmpty() || synUnits.isEmpty()) {
            in.notes().add("trend shape skipped: no unit runs to failure on a side");
            return Optional.empty();
        }
        Map<String, Column> realByName = Evaluation.byName(in.real().others());
        Map<String, Column> synByName = Evaluation.byName(in.synthetic().others());
        List<TrendShape.Sensor> sensors = new ArrayList<>();
        for (String name : Windows.sharedSensors(in.real(), in.synthetic())) {
            double[] rv = ((Column.Numeric) realByName.get(name)).values();
            double[] sv = ((Column.Numeric) synByName.get(name)).values();
            double[] real = curve(rv, realUnits);
            double[] syn = curve(sv, synUnits);
            double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation()
                    .evaluate(java.util.Arrays.stream(rv)
                            .filter(v -> !Double.isNaN(v))
                            .toArray());
            double sum = 0;
            int n = 0;
            for (int b = 0; b < BINS; b++) {
                if (!Double.isNaN(real[b]) && !Double.isNaN(syn[b])) {
                    double d = sd > 0 ? (syn[b] - real[b]) / sd : 0;
                    sum += d * d;
                    n++;
                }
            }
            sensors.add(new TrendShape.Sensor(name, n == 0 ? Double.NaN : Math.sqrt(sum / n), real, syn));
        }
        if (sensors.isEmpty()) {
            return Optional.empty();
        }
        sensors.sort(Comparator.comparingDouble((TrendShape.Sensor s) -> Double.isNaN(s.gap()) ? -1 : s.gap())
                .reversed());
        TrendShape.Sensor worst = sensors.get(0);
        return Optional.of(new Measured(
                new TrendShape(sensors),
                Double.isNaN(worst.gap())
                        ? List.of()
                        : List.of(QualityCheck.atMost(
                                "trend_shape",
                                worst.gap(),
                                MAX_GAP,
                                "largest gap between mean curves over a life (" + worst.sensor()
                                        + "), in standard deviations",
                                "readings wear unlike real ones: train the trajectory model, or train longer"))));
    }

    /** Mean of the readings per bin of fraction of life. */
    private static double[] curve(double[] v, List<int[]> units) {
        double[] sum = new double[BINS];
        int[] count = new int[BINS];
        for (int[] rows : units) {
            for (int k = 0; k < rows.length; k++) {
                double x = v[rows[k]];
                if (!Double.isNaN(x)) {
                    int b = Math.min(BINS - 1, (int) ((double) k / (rows.length - 1) * BINS));
                    sum[b] += x;
                    count[b]++;
                }
            }
        }
        double[] out = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            out[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
        }
        return out;
    }
}
