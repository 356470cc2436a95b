package dev.fleetsynth.engine.synth.trajectory;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Operating regimes: conditions a machine switches between (flight conditions of a turbofan, load
 * levels of a press) that move every reading far more than wear does. Rows are clustered on their
 * standardised readings, 2 to 8 clusters, and regimes are kept only when the clusters are tight and
 * well apart (silhouette of at least {@link #MIN_SILHOUETTE}): wear alone spreads readings along a
 * path, which clusters far less cleanly. Each regime has its own mean and spread per reading (the
 * trend and residuals are learnt within regimes), and regimes follow each other as a Markov chain
 * fitted to the lives, so both conditions that switch every row and conditions that hold for long are
 * kept.
 *
 * @param label       per training row, its regime
 * @param mean        per regime and reading, the mean (standardised units)
 * @param std         per regime and reading, the spread (standardised units)
 * @param start       per regime, the share of lives that start in it
 * @param transitions per regime, the chances of the next row's regime
 */
record Regimes(int[] label, double[][] mean, double[][] std, double[] start, double[][] transitions) {
    /** How far from mid-life a regime's rows may sit on average (see {@link #wear}). */
    static final double MAX_LIFE_SKEW = 0.15;

    static final double MIN_SILHOUETTE = 0.6;
    static final int SAMPLE = 3000;
    static final int SILHOUETTE_SAMPLE = 1200;

    /** The regimes of the rows, or {@code null} where the rows show none. */
    /**
     * Whether clusters are stages of wear rather than operating regimes: a regime comes and goes over a
     * life, so its rows sit about mid-life on average, while the worn cluster of a steeply failing
     * machine holds the late rows. A cluster whose rows' mean fraction of life is further than
     * {@value #MAX_LIFE_SKEW} from the middle makes the clustering wear. (A compressor seed that fails
     * fast had its healthy and worn rows taken for two regimes, and its datasets were told from real
     * ones every time.)
     */
    static boolean wear(int[] label, int k, List<Lives.Life> lives) {
        double[] fraction = new double[k];
        int[] count = new int[k];
        for (Lives.Life l : lives) {
            for (int i = l.from(); i < l.to(); i++) {
                fraction[label[i]] += l.length() == 1 ? 0.5 : (double) (i - l.from()) / (l.length() - 1);
                count[label[i]]++;
            }
        }
        for (int g = 0; g < k; g++) {
            if (count[g] > 0 && Math.abs(fraction[g] / count[g] - 0.5) > MAX_LIFE_SKEW) {
                return true;
            }
        }
        return false;
    }

    static Regimes detect(double[][] z, List<Lives.Life> lives, UniformRandomProvider rng) {
        int n = z.length;
        int p = n == 0 ? 0 : z[0].length;
        if (p == 0 || n < 200) {
            return null;
        }
        double[][] sample = new double[Math.min(SAMPLE, n)][];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = z[sample.length == n ? i : rng.nextInt(n)];
        }
        double[][] judged = java.util.Arrays.copyOf(sample, Math.min(SILHOUETTE_SAMPLE, sample.length));
        KMeans.Clustering best = null;
        int bestK = 0;
        double bestScore = MIN_SILHOUETTE;
        for (int k = 2; k <= 8; k++) {
            KMeans.Clustering c = KMeans.fit(sample, k, 4, rng);
            int[] labels = new int[judged.length];
            for (int i = 0; i < judged.length; i++) {
                labels[i] = nearest(judged[i], c.centres());
            }
            double score = KMeans.silhouette(judged, labels, k);
            if (score > bestScore) {
                bestScore = score;
                best = c;
                bestK = k;
            }
        }
        if (best == null) {
            return null;
        }
        int[] label = new int[n];
        double[][] sum = new double[bestK][p];
        double[][] sq = new double[bestK][p];
        int[] count = new int[bestK];
        for (int i = 0; i < n; i++) {
            label[i] = nearest(z[i], best.centres());
        }
        if (wear(label, bestK, lives)) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            int g = label[i];
            count[g]++;
            for (int j = 0; j < p; j++) {
                sum[g][j] += z[i][j];
                sq[g][j] += z[i][j] * z[i][j];
            }
        }
        double[][] mean = new double[bestK][p];
        double[][] std = new double[bestK][p];
        for (int g = 0; g < bestK; g++) {
            for (int j = 0; j < p; j++) {
                mean[g][j] = count[g] == 0 ? 0 : sum[g][j] / count[g];
                double var = count[g] < 2 ? 0 : (sq[g][j] - count[g] * mean[g][j] * mean[g][j]) / (count[g] - 1);
                std[g][j] = var > 1e-12 ? Math.sqrt(var) : 1e-6;
            }
        }
        double[] start = new double[bestK];
        double[][] transitions = new double[bestK][bestK];
        for (Lives.Life l : lives) {
            start[label[l.from()]]++;
            for (int i = l.from() + 1; i < l.to(); i++) {
                transitions[label[i - 1]][label[i]]++;
            }
        }
        normalise(start);
        for (double[] row : transitions) {
            // A regime never left (or never seen mid-life) keeps itself.
            normalise(row);
        }
        for (int g = 0; g < bestK; g++) {
            if (java.util.Arrays.stream(transitions[g]).sum() == 0) {
                transitions[g][g] = 1;
            }
        }
        if (java.util.Arrays.stream(start).sum() == 0) {
            java.util.Arrays.fill(start, 1.0 / bestK);
        }
        return new Regimes(label, mean, std, start, transitions);
    }

    /** The readings of each row within its regime: {@code (z - mean) / std}. */
    double[][] within(double[][] z) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            int g = label[i];
            out[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] = (z[i][j] - mean[g][j]) / std[g][j];
            }
        }
        return out;
    }

    static int nearest(double[] x, double[][] centres) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double d = KMeans.sq(x, centres[c]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private static void normalise(double[] v) {
        double s = java.util.Arrays.stream(v).sum();
        if (s > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= s;
            }
        }
    }
}
