package dev.fleetsynth.engine.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleetsynth.engine.source.SourceTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.ml.distance.EarthMoversDistance;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Several synthetic datasets side by side against the same real data: an original model's and a
 * refined one's, or a TVAE's and a trajectory model's. Per reading, the Kolmogorov-Smirnov
 * statistic, the Wasserstein distance (in units of the real standard deviation, so readings compare)
 * and the Kullback-Leibler divergence over 20 equal bins of the real range (values beyond it in the
 * end bins); the largest and mean
 * difference of the correlation matrices; and the utility that matters most: a RUL regressor
 * trained on each dataset's train split and tested on the held-out real units, beside one trained
 * on the real rows and the trivial baseline. The recommendation follows the utility where RUL can be
 * learnt at all, the overall score otherwise, and says why.
 */
@Schema(requiredProperties = {"candidates", "recommended", "reason"})
public record Comparison(List<Candidate> candidates, String recommended, String reason) {
    static final int KL_BINS = 20;

    /** One reading's distances from the real data (0 is identical). */
    @Schema(requiredProperties = {"column"})
    public record Distance(
            String column,

            @Schema(nullable = true) Double ks,

            @Schema(nullable = true) @JsonProperty("wasserstein_std")
            Double wassersteinStd,

            @Schema(nullable = true) Double kl) {
        static Distance of(String column, double ks, double wasserstein, double kl) {
            return new Distance(column, finite(ks), finite(wasserstein), finite(kl));
        }
    }

    /** One dataset's scores. */
    @Schema(requiredProperties = {"name", "overall", "grade", "columns"})
    public record Candidate(
            String name,
            double overall,
            String grade,

            @Schema(nullable = true) Utility utility,

            List<Distance> columns,

            @Schema(nullable = true) @JsonProperty("correlation_mean_difference")
            Double correlationMeanDifference,

            @Schema(nullable = true) @JsonProperty("correlation_max_difference")
            Double correlationMaxDifference,

            @Schema(nullable = true) @JsonProperty("worst_column")
            String worstColumn,

            List<String> notes) {}

    /** A dataset to compare: all its rows, and the train split a user would train on. */
    public record Dataset(SourceTable all, SourceTable train) {}

    /**
     * @param real    the real data the models learnt from
     * @param holdout real units none of the models saw (the utility is tested on them); {@code null} to hold out real units
     */
    public static Comparison compare(SourceTable real, SourceTable holdout, Map<String, Dataset> datasets, long seed) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare: give at least one dataset");
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, Dataset> d : datasets.entrySet()) {
            candidates.add(candidate(d.getKey(), real, holdout, d.getValue(), seed));
        }
        boolean learnable = candidates.stream()
                .allMatch(c -> c.utility() != null && c.utility().learnable());
        Candidate best;
        String reason;
        if (learnable) {
            best = candidates.stream()
                    .min(Comparator.comparingDouble(c -> c.utility().rmseSyntheticTrained()))
                    .orElseThrow();
            reason = String.format(
                    Locale.ROOT,
                    "a RUL model trained on %s predicts the held-out real units best (RMSE %.3g; trained on real "
                            + "rows %.3g, predicting the mean %.3g)",
                    best.name(),
                    best.utility().rmseSyntheticTrained(),
                    best.utility().rmseRealTrained(),
                    best.utility().rmseMeanBaseline());
        } else {
            best = candidates.stream()
                    .max(Comparator.comparingDouble(Candidate::overall))
                    .orElseThrow();
            reason = String.format(
                    Locale.ROOT,
                    "RUL cannot be learnt from these columns row by row (no regressor beats predicting the mean), "
                            + "so the closest distributions decide: %s has the highest overall score (%.3f)",
                    best.name(),
                    best.overall());
        }
        return new Comparison(candidates, best.name(), reason);
    }

    private static Candidate candidate(String name, SourceTable real, SourceTable holdout, Dataset d, long seed) {
        QualityReport q = QualityReport.evaluate(real, d.all(), d.train(), holdout, seed);
        Map<String, double[]> realColumns = real.valueColumns();
        Map<String, double[]> synColumns = d.all().valueColumns();
        List<Distance> distances = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        for (Map.Entry<String, double[]> c : realColumns.entrySet()) {
            double[] s = synColumns.get(c.getKey());
            if (s == null) {
                continue;
            }
            shared.add(c.getKey());
            distances.add(Distance.of(
                    c.getKey(),
                    Metrics.ksStatistic(c.getValue(), s),
                    wasserstein(c.getValue(), s),
                    kl(c.getValue(), s)));
        }
        double sum = 0;
        double max = 0;
        int pairs = 0;
        for (int i = 0; i < shared.size(); i++) {
            for (int j = i + 1; j < shared.size(); j++) {
                double r = Metrics.pearson(realColumns.get(shared.get(i)), realColumns.get(shared.get(j)));
                double s = Metrics.pearson(synColumns.get(shared.get(i)), synColumns.get(shared.get(j)));
                if (Double.isFinite(r) && Double.isFinite(s)) {
                    sum += Math.abs(r - s);
                    max = Math.max(max, Math.abs(r - s));
                    pairs++;
                }
            }
        }
        String worst = distances.stream()
                .filter(x -> x.ks() != null)
                .max(Comparator.comparingDouble(Distance::ks))
                .map(Distance::column)
                .orElse(null);
        return new Candidate(
                name,
                q.overall(),
                q.grade().label(),
                q.utility(),
                distances,
                pairs == 0 ? null : sum / pairs,
                pairs == 0 ? null : max,
                worst,
                q.notes());
    }

    static double wasserstein(double[] real, double[] synthetic) {
        double[] r = finite(real);
        double[] s = finite(synthetic);
        if (r.length == 0 || s.length == 0) {
            return Double.NaN;
        }
        double std = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(r);
        double[] edges = Metrics.binEdges(r, 200);
        double[] pr = histogram(r, edges, 0);
        double[] ps = histogram(s, edges, 0);
        double width = (edges[edges.length - 1] - edges[0]) / (edges.length - 1);
        double w = new EarthMoversDistance().compute(pr, ps) * width;
        return std > 0 ? w / std : w;
    }

    /** KL(real || synthetic) over {@link #KL_BINS} bins of the real values, each bin given half a count so that no term is infinite. */
    static double kl(double[] real, double[] synthetic) {
        double[] r = finite(real);
        double[] s = finite(synthetic);
        if (r.length == 0 || s.length == 0) {
            return Double.NaN;
        }
        double[] edges = Metrics.binEdges(r, KL_BINS);
        double[] p = histogram(r, edges, 0.5);
        double[] q = histogram(s, edges, 0.5);
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            kl += p[i] * Math.log(p[i] / q[i]);
        }
        return kl;
    }

    private static double[] histogram(double[] values, double[] edges, double prior) {
        int bins = edges.length - 1;
        double[] counts = new double[bins];
        java.util.Arrays.fill(counts, prior);
        double min = edges[0];
        double width = (edges[bins] - min) / bins;
        for (double v : values) {
            int b = width > 0 ? (int) Math.floor((v - min) / width) : 0;
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        double total = java.util.Arrays.stream(counts).sum();
        for (int i = 0; i < bins; i++) {
            counts[i] /= total;
        }
        return counts;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
