package dev.fleetsynth.engine.quality;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A small gradient-boosted regression-tree model (squared loss, histogram splits, row
 * subsampling) for the utility check. Written here rather than taken from a library because the
 * check needs only fit and predict on a few dense numeric columns, must be deterministic for a seed
 * and fast on tens of thousands of rows, and the tree libraries on Maven Central bring a large
 * transitive tree (Tribuo: protobuf, a terminal library, OpenCSV, Commons BeanUtils) whose protobuf
 * would be pulled to another major version by the Quarkus BOM. Trees rather than a linear model
 * because RUL depends on sensors non-linearly (degradation curves, thresholds).
 *
 * <p>Features are binned once into at most {@link Settings#bins()} quantile bins of the training
 * data; each tree then grows depth-first, choosing at every node the split with the largest
 * reduction of squared error (XGBoost's gain with L2 regularisation). Columns are arrays indexed
 * {@code [feature][row]}, the layout tables already have, so nothing is copied row by row.
 */
final class GradientBoostedTrees {

    /**
     * @param trees        boosting rounds
     * @param maxDepth     depth of each tree
     * @param learningRate shrinkage of each tree's contribution
     * @param minLeafRows  fewest training rows in a leaf
     * @param subsample    fraction of rows each tree sees (drawn without replacement from the seed)
     * @param bins         histogram bins per feature, at most 256
     * @param lambda       L2 regularisation of leaf values
     */
    record Settings(
            int trees, int maxDepth, double learningRate, int minLeafRows, double subsample, int bins, double lambda) {
        static final Settings DEFAULT = new Settings(100, 4, 0.1, 10, 0.8, 64, 1.0);

        Settings {
            if (trees < 1
                    || maxDepth < 1
                    || !(learningRate > 0)
                    || minLeafRows < 1
                    || !(subsample > 0 && subsample <= 1)
                    || bins < 2
                    || bins > 256
                    || !(lambda >= 0)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "invalid settings: trees %d, depth %d, learning rate %s, min leaf rows %d, subsample %s, bins %d, lambda %s",
                        trees,
                        maxDepth,
                        learningRate,
                        minLeafRows,
                        subsample,
                        bins,
                        lambda));
            }
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "gradient-boosted regression trees (Fleetsynth; %d trees, depth %d, learning rate %s, subsample %s, %d bins)",
                    trees,
                    maxDepth,
                    learningRate,
                    subsample,
                    bins);
        }
    }

    /** A fitted model: per-feature bin thresholds, then the trees, whose nodes are parallel arrays. */
    record Model(double[][] thresholds, double base, Tree[] trees) {
        double[] predict(double[][] x) {
            int n = x.length == 0 ? 0 : x[0].length;
            byte[][] binned = bin(x, thresholds);
            double[] out = new double[n];
            Arrays.fill(out, base);
            for (Tree t : trees) {
                for (int r = 0; r < n; r++) {
                    out[r] += t.predict(binned, r);
                }
            }
            return out;
        }
    }

    /** A tree: a node is a leaf when {@code feature[node] < 0}; else rows with bin <= split go left. */
    record Tree(int[] feature, int[] split, int[] left, int[] right, double[] value) {
        double predict(byte[][] binned, int row) {
            int node = 0;
            while (feature[node] >= 0) {
                node = (binned[feature[node]][row] & 0xFF) <= split[node] ? left[node] : right[node];
            }
            return value[node];
        }
    }

    private GradientBoostedTrees() {}

    /**
     * @param x    training features, {@code [feature][row]}
     * @param y    training target, no {@code NaN}
     * @param seed the same seed, data and settings give the same model
     */
    static Model fit(double[][] x, double[] y, Settings settings, long seed) {
        int n = y.length;
        for (double[] column : x) {
            if (column.length != n) {
                throw new IllegalArgumentException("feature columns and target differ in length");
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        double[][] thresholds = new double[x.length][];
        for (int f = 0; f < x.length; f++) {
            thresholds[f] = thresholds(x[f], settings.bins());
        }
        byte[][] binned = bin(x, thresholds);
        int[] binCount = new int[x.length];
        for (int f = 0; f < x.length; f++) {
            binCount[f] = thresholds[f].length + 1;
        }

        double base = 0;
        for (double v : y) {
            base += v;
        }
        base /= n;
        double[] prediction = new double[n];
        Arrays.fill(prediction, base);
        double[] gradient = new double[n];

        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int sampled = Math.max(1, (int) Math.round(settings.subsample() * n));
        int[] rows = new int[sampled];
        Grower grower = new Grower(binned, binCount, gradient, settings, sampled);
        Tree[] trees = new Tree[settings.trees()];
        for (int t = 0; t < trees.length; t++) {
            for (int r = 0; r < n; r++) {
                gradient[r] = prediction[r] - y[r];
            }
            // Selection sampling: exactly `sampled` rows without replacement, in table order, which
            // keeps the histogram loops walking memory forwards.
            int needed = sampled;
            int k = 0;
            for (int r = 0; r < n && needed > 0; r++) {
                if ((n - r) * rng.nextDouble() < needed) {
                    rows[k++] = r;
                    needed--;
                }
            }
            trees[t] = grower.grow(rows);
            for (int r = 0; r < n; r++) {
                prediction[r] += trees[t].predict(binned, r);
            }
        }
        return new Model(thresholds, base, trees);
    }

    /** Distinct quantiles of the finite values: a value goes to the first bin whose threshold it does not exceed. */
    private static double[] thresholds(double[] values, int bins) {
        double[] sorted =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] t = new double[bins - 1];
        int k = 0;
        for (int i = 1; i < bins; i++) {
            double q = sorted[(int) ((long) i * (sorted.length - 1) / bins)];
            if (k == 0 || q > t[k - 1]) {
                t[k++] = q;
            }
        }
        return Arrays.copyOf(t, k);
    }

    /** Bin codes; {@code NaN} goes to the last bin, with the largest values. */
    private static byte[][] bin(double[][] x, double[][] thresholds) {
        byte[][] out = new byte[x.length][];
        for (int f = 0; f < x.length; f++) {
            double[] t = thresholds[f];
            double[] v = x[f];
            byte[] b = new byte[v.length];
            for (int r = 0; r < v.length; r++) {
                double value = v[r];
                int code;
                if (value != value) {
                    code = t.length;
                } else {
                    int lo = 0;
                    int hi = t.length;
                    while (lo < hi) {
                        int mid = (lo + hi) >>> 1;
                        if (value <= t[mid]) {
                            hi = mid;
                        } else {
                            lo = mid + 1;
                        }
                    }
                    code = lo;
                }
                b[r] = (byte) code;
            }
            out[f] = b;
        }
        return out;
    }

    /**
     * Grows one tree at a time over an array of row indices that it partitions, so a node is just
     * {@code [from, to)} of that array. Histograms are kept per depth: a node's children need their
     * own only if they are split further, and then only the smaller child is counted, the larger
     * being the parent's histogram minus the smaller's (the usual trick that roughly halves the work).
     */
    private static final class Grower {
        private final byte[][] binned;
        private final int[] binCount;
        private final double[] gradient;
        private final Settings settings;
        /** [depth][feature][bin]: sum of gradients and row count of the node being worked on at that depth. */
        private final double[][][] histGradient;

        private final int[][][] histCount;
        private final int[] scratch;
        private int[] feature = new int[16];
        private int[] split = new int[16];
        private int[] left = new int[16];
        private int[] right = new int[16];
        private double[] value = new double[16];
        private int nodes;

        Grower(byte[][] binned, int[] binCount, double[] gradient, Settings settings, int maxRows) {
            this.binned = binned;
            this.binCount = binCount;
            this.gradient = gradient;
            this.settings = settings;
            int levels = settings.maxDepth();
            this.histGradient = new double[levels][binned.length][];
            this.histCount = new int[levels][binned.length][];
            for (int d = 0; d < levels; d++) {
                for (int f = 0; f < binned.length; f++) {
                    histGradient[d][f] = new double[binCount[f]];
                    histCount[d][f] = new int[binCount[f]];
                }
            }
            this.scratch = new int[maxRows];
        }

        Tree grow(int[] rows) {
            nodes = 0;
            double g = 0;
            for (int r : rows) {
                g += gradient[r];
            }
            if (splittable(rows.length, 0)) {
                count(rows, 0, rows.length, 0);
            }
            node(rows, 0, rows.length, 0, g);
            return new Tree(
                    Arrays.copyOf(feature, nodes),
                    Arrays.copyOf(split, nodes),
                    Arrays.copyOf(left, nodes),
                    Arrays.copyOf(right, nodes),
                    Arrays.copyOf(value, nodes));
        }

        private boolean splittable(int count, int depth) {
            return depth < settings.maxDepth() && count >= 2 * settings.minLeafRows();
        }

        /** Fills the histograms of depth {@code depth} from the rows {@code [from, to)}. */
        private void count(int[] rows, int from, int to, int depth) {
            for (int f = 0; f < binned.length; f++) {
                double[] hg = histGradient[depth][f];
                int[] hc = histCount[depth][f];
                Arrays.fill(hg, 0);
                Arrays.fill(hc, 0);
                byte[] b = binned[f];
                for (int i = from; i < to; i++) {
                    int r = rows[i];
                    int k = b[r] & 0xFF;
                    hg[k] += gradient[r];
                    hc[k]++;
                }
            }
        }

        /** Histograms of depth {@code depth + 1} become those of depth {@code depth} minus themselves. */
        private void subtractFromParent(int depth) {
            for (int f = 0; f < binned.length; f++) {
                double[] pg = histGradient[depth][f];
                int[] pc = histCount[depth][f];
                double[] cg = histGradient[depth + 1][f];
                int[] cc = histCount[depth + 1][f];
                for (int k = 0; k < pg.length; k++) {
                    cg[k] = pg[k] - cg[k];
                    cc[k] = pc[k] - cc[k];
                }
            }
        }

        /**
         * Grows the node over {@code [from, to)} with gradient sum {@code g}; when it is splittable,
         * the histograms of its depth already hold its rows.
         */
        private int node(int[] rows, int from, int to, int depth, double g) {
            int id = newNode();
            int count = to - from;
            double lambda = settings.lambda();
            value[id] = -g / (count + lambda) * settings.learningRate();
            feature[id] = -1;
            if (!splittable(count, depth)) {
                return id;
            }
            int minLeaf = settings.minLeafRows();
            double parent = g * g / (count + lambda);
            double bestGain = 1e-12 * Math.max(1, parent);
            int bestFeature = -1;
            int bestBin = -1;
            double bestLeftGradient = 0;
            for (int f = 0; f < binned.length; f++) {
                double[] hg = histGradient[depth][f];
                int[] hc = histCount[depth][f];
                double gl = 0;
                int cl = 0;
                for (int k = 0; k < hg.length - 1; k++) {
                    gl += hg[k];
                    cl += hc[k];
                    int cr = count - cl;
                    if (cl < minLeaf) {
                        continue;
                    }
                    if (cr < minLeaf) {
                        break;
                    }
                    double gr = g - gl;
                    double gain = gl * gl / (cl + lambda) + gr * gr / (cr + lambda) - parent;
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestFeature = f;
                        bestBin = k;
                        bestLeftGradient = gl;
                    }
                }
            }
            if (bestFeature < 0) {
                return id;
            }

            // Stable partition: both children keep their rows in table order.
            byte[] b = binned[bestFeature];
            int l = from;
            int r = 0;
            for (int i = from; i < to; i++) {
                int row = rows[i];
                if ((b[row] & 0xFF) <= bestBin) {
                    rows[l++] = row;
                } else {
                    scratch[r++] = row;
                }
            }
            System.arraycopy(scratch, 0, rows, l, r);
            int mid = l;
            double gLeft = bestLeftGradient;
            double gRight = g - bestLeftGradient;
            feature[id] = bestFeature;
            split[id] = bestBin;

            boolean leftSplits = splittable(mid - from, depth + 1);
            boolean rightSplits = splittable(to - mid, depth + 1);
            boolean leftSmaller = mid - from <= to - mid;
            int leftId;
            int rightId;
            if (leftSplits && rightSplits) {
                if (leftSmaller) {
                    count(rows, from, mid, depth + 1);
                    leftId = node(rows, from, mid, depth + 1, gLeft);
                    subtractFromParent(depth);
                    rightId = node(rows, mid, to, depth + 1, gRight);
                } else {
                    count(rows, mid, to, depth + 1);
                    rightId = node(rows, mid, to, depth + 1, gRight);
                    subtractFromParent(depth);
                    leftId = node(rows, from, mid, depth + 1, gLeft);
                }
            } else {
                if (leftSplits) {
                    count(rows, from, mid, depth + 1);
                }
                leftId = node(rows, from, mid, depth + 1, gLeft);
                if (rightSplits) {
                    count(rows, mid, to, depth + 1);
                }
                rightId = node(rows, mid, to, depth + 1, gRight);
            }
            left[id] = leftId;
            right[id] = rightId;
            return id;
        }

        private int newNode() {
            if (nodes == feature.length) {
                int size = nodes * 2;
                feature = Arrays.copyOf(feature, size);
                split = Arrays.copyOf(split, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                value = Arrays.copyOf(value, size);
            }
            return nodes++;
        }
    }
}
