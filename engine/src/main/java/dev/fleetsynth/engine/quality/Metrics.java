package dev.fleetsynth.engine.quality;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The single-column and column-pair metrics of the quality report, as pure functions on primitive
 * arrays. They follow the definitions published in the SDMetrics documentation so that a report
 * made here can be compared with one made by SDMetrics on the same data; where SDMetrics leaves
 * a case open (a constant column, an empty column) the result is {@code NaN} and the caller
 * decides. Everything works on primitive arrays because real seeds and synthetic tables reach
 * hundreds of thousands of rows and a report must take well under a second.
 */
public final class Metrics {
    /** Bins a numeric column is cut into when it meets a categorical one, as in SDMetrics' report. */
    public static final int CONTINGENCY_BINS = 10;

    /** The code of a missing categorical value and of a number outside the real data's bins. */
    public static final int MISSING = -1;

    private Metrics() {}

    /**
     * The two-sample Kolmogorov-Smirnov statistic D (largest distance between the two empirical
     * distribution functions), {@code NaN} values dropped; {@code NaN} when either side is empty.
     * Sorting both samples and walking them together gives D exactly, ties included, in
     * O(n log n) without the p-value machinery of a statistics library.
     */
    public static double ksStatistic(double[] a, double[] b) {
        double[] x = sortedWithoutNaN(a);
        double[] y = sortedWithoutNaN(b);
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        int n = x.length;
        int m = y.length;
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < n && j < m) {
            double v = Math.min(x[i], y[j]);
            while (i < n && x[i] <= v) {
                i++;
            }
            while (j < m && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / n - (double) j / m));
        }
        return d;
    }

    /** SDMetrics' KSComplement: 1 - D, so 1 means the two distributions look the same. */
    public static double ksComplement(double[] real, double[] synthetic) {
        return 1 - ksStatistic(real, synthetic);
    }

    /**
     * SDMetrics' TVComplement: 1 - total variation distance between the category frequencies,
     * over the union of categories; a missing value ({@code null}) is one more category.
     * {@code NaN} when either side has no rows.
     */
    public static double tvComplement(String[] real, String[] synthetic) {
        Map<String, Integer> dictionary = new HashMap<>();
        int[] r = encode(real, dictionary);
        int[] s = encode(synthetic, dictionary);
        return tvComplement(r, s, dictionary.size());
    }

    /** TVComplement on category codes {@code MISSING..categories-1}. */
    static double tvComplement(int[] real, int[] synthetic, int categories) {
        if (real.length == 0 || synthetic.length == 0) {
            return Double.NaN;
        }
        long[] cr = new long[categories + 1];
        long[] cs = new long[categories + 1];
        for (int c : real) {
            cr[c + 1]++;
        }
        for (int c : synthetic) {
            cs[c + 1]++;
        }
        double sum = 0;
        for (int k = 0; k <= categories; k++) {
            sum += Math.abs((double) cr[k] / real.length - (double) cs[k] / synthetic.length);
        }
        return complementOfHalf(sum);
    }

    /**
     * Pearson's correlation over the rows where neither value is {@code NaN}; {@code NaN} when fewer
     * than two such rows remain or either column is constant there (the correlation is undefined).
     * Two passes (means first) keep it accurate for values with a large offset such as timestamps.
     */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("columns differ in length: " + x.length + " and " + y.length);
        }
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            if (a == a && b == b) {
                sx += a;
                sy += b;
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double a = x[i];
            double b = y[i];
            if (a == a && b == b) {
                double dx = a - mx;
                double dy = b - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r));
    }

    /** SDMetrics' CorrelationSimilarity from the two coefficients: 1 - |real - synthetic| / 2. */
    public static double correlationSimilarity(double realRho, double syntheticRho) {
        return 1 - Math.abs(realRho - syntheticRho) / 2;
    }

    /**
     * SDMetrics' ContingencySimilarity of two categorical columns: 1 - total variation distance
     * between the normalised joint frequency tables; missing values form one more category.
     */
    public static double contingencySimilarity(
            String[] realA, String[] realB, String[] syntheticA, String[] syntheticB) {
        Map<String, Integer> da = new HashMap<>();
        Map<String, Integer> db = new HashMap<>();
        return contingencySimilarity(
                encode(realA, da), encode(realB, db), encode(syntheticA, da), encode(syntheticB, db));
    }

    /**
     * ContingencySimilarity on codes ({@link #MISSING} allowed). The joint category is packed into a
     * long and both sides are sorted and merged, so the table never needs one cell per possible
     * pair: a pair of ID-like columns would otherwise ask for millions of cells.
     */
    public static double contingencySimilarity(int[] realA, int[] realB, int[] syntheticA, int[] syntheticB) {
        if (realA.length != realB.length || syntheticA.length != syntheticB.length) {
            throw new IllegalArgumentException("the two columns of a pair differ in length");
        }
        if (realA.length == 0 || syntheticA.length == 0) {
            return Double.NaN;
        }
        long[] r = jointKeys(realA, realB);
        long[] s = jointKeys(syntheticA, syntheticB);
        double nr = r.length;
        double ns = s.length;
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < r.length || j < s.length) {
            long key = i < r.length && (j >= s.length || r[i] <= s[j]) ? r[i] : s[j];
            int ci = 0;
            while (i < r.length && r[i] == key) {
                ci++;
                i++;
            }
            int cj = 0;
            while (j < s.length && s[j] == key) {
                cj++;
                j++;
            }
            sum += Math.abs(ci / nr - cj / ns);
        }
        return complementOfHalf(sum);
    }

    /** {min, max} of the non-NaN values; min > max when there is none. */
    static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (v == v) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {min, max};
    }

    /**
     * The bin edges SDMetrics' report cuts a numeric column with before pairing it with a
     * categorical one: {@code bins} equal-width bins over the real data's range (NumPy's
     * {@code histogram_bin_edges}, so a constant column gets the range value ± 0.5).
     * Empty when the real column holds no number.
     */
    public static double[] binEdges(double[] real, int bins) {
        double[] range = range(real);
        double min = range[0];
        double max = range[1];
        if (min > max) {
            return new double[0];
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = new double[bins + 1];
        double step = (max - min) / bins;
        for (int k = 0; k < bins; k++) {
            edges[k] = k * step + min;
        }
        edges[bins] = max;
        return edges;
    }

    /**
     * Bin codes of {@code values} for {@code edges}, as pandas' {@code cut(..., include_lowest=True)}
     * assigns them: bins are closed on the right, the first also on the left; a value outside the
     * edges, or {@code NaN}, gets {@link #MISSING} and so counts as one extra category, which is how
     * synthetic values beyond the real range show up in the contingency table.
     */
    public static int[] discretize(double[] values, double[] edges) {
        int[] codes = new int[values.length];
        int last = edges.length - 1;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (last < 1 || !(v >= edges[0] && v <= edges[last])) {
                codes[i] = MISSING;
            } else if (v == edges[0]) {
                codes[i] = 0;
            } else {
                int lo = 0;
                int hi = last;
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    if (v <= edges[mid]) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                codes[i] = lo;
            }
        }
        return codes;
    }

    /**
     * SDMetrics' BoundaryAdherence: the fraction of synthetic values within the real minimum and
     * maximum (both inclusive), {@code NaN} dropped on both sides; {@code NaN} if either is empty.
     */
    public static double boundaryAdherence(double[] real, double[] synthetic) {
        double[] range = range(real);
        double min = range[0];
        double max = range[1];
        if (min > max) {
            return Double.NaN;
        }
        long inside = 0;
        long counted = 0;
        for (double v : synthetic) {
            if (v == v) {
                counted++;
                if (v >= min && v <= max) {
                    inside++;
                }
            }
        }
        return counted == 0 ? Double.NaN : (double) inside / counted;
    }

    /** Lag-1 autocorrelation of one series; see {@link #lag1Autocorrelation(double[], int[][])}. */
    public static double lag1Autocorrelation(double[] x) {
        int[] all = new int[x.length];
        Arrays.setAll(all, i -> i);
        return lag1Autocorrelation(x, new int[][] {all});
    }

    /**
     * Lag-1 autocorrelation of a series cut into groups (run-to-failure cycles), in the usual
     * sample-ACF form {@code sum (x_t - m)(x_t+1 - m) / sum (x_t - m)^2} with each group centred on
     * its own mean and pairs never crossing a group boundary, then pooled over the groups. A
     * synthesizer that forgets time order keeps the marginal distribution but loses this, which is
     * why the report compares it. {@code NaN} values are skipped, and a pair with one is not
     * counted; {@code NaN} when no variation is left.
     *
     * @param groups row indices of each group, in time order
     */
    public static double lag1Autocorrelation(double[] x, int[][] groups) {
        double num = 0;
        double den = 0;
        for (int[] rows : groups) {
            double sum = 0;
            int n = 0;
            for (int r : rows) {
                double v = x[r];
                if (v == v) {
                    sum += v;
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            double mean = sum / n;
            for (int k = 0; k < rows.length; k++) {
                double d = x[rows[k]] - mean;
                if (d == d) {
                    den += d * d;
                    if (k + 1 < rows.length) {
                        double e = x[rows[k + 1]] - mean;
                        if (e == e) {
                            num += d * e;
                        }
                    }
                }
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Codes for categories, new ones added to {@code dictionary}; {@code null} is {@link #MISSING}. */
    static int[] encode(String[] values, Map<String, Integer> dictionary) {
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) {
                codes[i] = MISSING;
            } else {
                Integer code = dictionary.get(v);
                if (code == null) {
                    code = dictionary.size();
                    dictionary.put(v, code);
                }
                codes[i] = code;
            }
        }
        return codes;
    }

    /** 1 - sum / 2, kept within 0..1: rounding in a sum of frequencies must not give a score of -1e-16. */
    private static double complementOfHalf(double sum) {
        return Math.max(0, Math.min(1, 1 - 0.5 * sum));
    }

    private static long[] jointKeys(int[] a, int[] b) {
        long[] keys = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            keys[i] = ((long) (a[i] + 1) << 32) | (b[i] + 1L);
        }
        Arrays.sort(keys);
        return keys;
    }

    private static double[] sortedWithoutNaN(double[] values) {
        double[] copy = new double[values.length];
        int n = 0;
        for (double v : values) {
            if (v == v) {
                copy[n++] = v;
            }
        }
        double[] out = n == copy.length ? copy : Arrays.copyOf(copy, n);
        Arrays.sort(out);
        return out;
    }
}
