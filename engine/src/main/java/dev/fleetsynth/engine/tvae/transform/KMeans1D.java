package dev.fleetsynth.engine.tvae.transform;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Hard clustering of one column, used only to start the variational mixture where scikit-learn's
 * {@code init_params='kmeans'} starts it: {@code KMeans(n_clusters, n_init=1)}, that is greedy
 * k-means++ seeding followed by Lloyd iterations with scikit-learn's stopping rules (labels unchanged,
 * or total squared centre shift at most 1e-4 times the data variance, or 300 iterations).
 *
 * <p>The random stream is not NumPy's, so the labels match scikit-learn's in distribution, not draw
 * for draw. Labels keep the order in which seeding picked the centres, as scikit-learn's do: the
 * stick-breaking prior of the mixture is not symmetric in component order, so sorting them would
 * change the fit.
 */
final class KMeans1D {
    static final int MAX_ITER = 300;
    static final double RELATIVE_TOL = 1e-4;

    private KMeans1D() {}

    /** Cluster index in {@code [0, k)} of each value; requires {@code 1 <= k <= x.length}. */
    static int[] labels(double[] x, int k, UniformRandomProvider rng) {
        int n = x.length;
        double[] centers = seed(x, k, rng);
        double tol = variance(x) * RELATIVE_TOL;
        int[] labels = new int[n];
        int[] previous = new int[n];
        Arrays.fill(previous, -1);
        double[] sums = new double[k];
        int[] counts = new int[k];
        double[] next = new double[k];
        boolean strict = false;
        for (int iter = 0; iter < MAX_ITER; iter++) {
            assign(x, centers, labels);
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                sums[labels[i]] += x[i];
                counts[labels[i]]++;
            }
            relocateEmpty(x, centers, labels, sums, counts);
            double shift = 0;
            for (int j = 0; j < k; j++) {
                next[j] = counts[j] > 0 ? sums[j] / counts[j] : centers[j];
                double d = next[j] - centers[j];
                shift += d * d;
            }
            double[] t = centers;
            centers = next;
            next = t;
            if (Arrays.equals(labels, previous)) {
                strict = true;
                break;
            }
            if (shift <= tol) {
                break;
            }
            System.arraycopy(labels, 0, previous, 0, n);
        }
        if (!strict) {
            assign(x, centers, labels);
        }
        return labels;
    }

    /**
     * Greedy k-means++: each new centre is the best, by resulting inertia, of {@code 2 + ln k}
     * candidates drawn with probability proportional to squared distance from the centres so far.
     */
    static double[] seed(double[] x, int k, UniformRandomProvider rng) {
        int n = x.length;
        int trials = 2 + (int) Math.log(k);
        double[] centers = new double[k];
        centers[0] = x[rng.nextInt(n)];
        double[] closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - centers[0];
            closest[i] = d * d;
            potential += closest[i];
        }
        double[] cumulative = new double[n];
        double[] candidate = new double[n];
        double[] best = new double[n];
        for (int c = 1; c < k; c++) {
            double run = 0;
            for (int i = 0; i < n; i++) {
                run += closest[i];
                cumulative[i] = run;
            }
            double bestPotential = Double.POSITIVE_INFINITY;
            int bestIndex = 0;
            for (int t = 0; t < trials; t++) {
                int index = Math.min(firstAtLeast(cumulative, rng.nextDouble() * potential), n - 1);
                double center = x[index];
                double p = 0;
                for (int i = 0; i < n; i++) {
                    double d = x[i] - center;
                    double m = Math.min(closest[i], d * d);
                    candidate[i] = m;
                    p += m;
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    bestIndex = index;
                    double[] swap = best;
                    best = candidate;
                    candidate = swap;
                }
            }
            double[] swap = closest;
            closest = best;
            best = swap;
            potential = bestPotential;
            centers[c] = x[bestIndex];
        }
        return centers;
    }

    /** Nearest centre of each value; ties go to the lower index, so duplicate centres leave later ones empty. */
    private static void assign(double[] x, double[] centers, int[] labels) {
        int k = centers.length;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            int best = 0;
            double d0 = v - centers[0];
            double bestDistance = d0 * d0;
            for (int j = 1; j < k; j++) {
                double d = v - centers[j];
                double dd = d * d;
                if (dd < bestDistance) {
                    bestDistance = dd;
                    best = j;
                }
            }
            labels[i] = best;
        }
    }

    /**
     * An empty cluster takes over the value farthest from its current centre, as scikit-learn does;
     * without this a cluster lost in one iteration would never come back.
     */
    private static void relocateEmpty(double[] x, double[] centers, int[] labels, double[] sums, int[] counts) {
        int empty = 0;
        for (int c : counts) {
            if (c == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return;
        }
        double[] distance = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - centers[labels[i]];
            distance[i] = d * d;
        }
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] != 0) {
                continue;
            }
            int far = 0;
            for (int i = 1; i < x.length; i++) {
                if (distance[i] > distance[far]) {
                    far = i;
                }
            }
            distance[far] = Double.NEGATIVE_INFINITY;
            int from = labels[far];
            sums[from] -= x[far];
            counts[from]--;
            sums[j] = x[far];
            counts[j] = 1;
        }
    }

    /** Index of the first element {@code >= value} in an ascending array (NumPy's searchsorted, side left). */
    private static int firstAtLeast(double[] ascending, double value) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double s = 0;
        for (double v : x) {
            double d = v - mean;
            s += d * d;
        }
        return s / x.length;
    }
}
