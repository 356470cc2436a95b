package dev.fleetsynth.engine.synth.trajectory;

import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Fits a {@link TrajectoryModel} in closed form, in this order:
 * <ol>
 *   <li>lives and their times to failure ({@link Lives}); continuous readings standardised;</li>
 *   <li>failure modes: complete lives clustered by their degradation signature (how far each reading
 *       moved from the first rows of the life to the last), k-means for 2 to 4 clusters, kept only
 *       when the silhouette says the clusters are real ({@link #MIN_SILHOUETTE}) and none is tiny;</li>
 *   <li>the clock: the trend is tabulated against time to failure and against the fraction of life,
 *       and the one that leaves less residual variance is kept (wear that follows the fraction of a
 *       life, as the simulator's does, or that runs on a fixed count to failure, as turbofans');</li>
 *   <li>each mode's trend: the mean of every reading in bins of the clock;</li>
 *   <li>residuals: each life's mean is its offset, the rest an AR(1) walk per reading with
 *       correlated innovations;</li>
 *   <li>flags and categories: their frequencies per mode and bin of time to failure, shrunk towards
 *       the overall frequencies where a bin holds few rows.</li>
 * </ol>
 */
final class TrajectoryFit {
    static final double MIN_SILHOUETTE = 0.3;
    static final int TREND_BINS = 40;
    /** Rows a category bin needs before its own frequencies outweigh the overall ones. */
    static final double CATEGORY_PRIOR_ROWS = 5;
    /** Complete lives needed before a unit's offset is regressed on its lifetime (see {@link #fit}). */
    static final int MIN_LIVES_FOR_SLOPE = 8;
    /**
     * Ridge on a life's gain, per row, in squared standard deviations of the reading: a trend that moves
     * over a life by a few deviations keeps nearly all its gain (variance about 1, so 95 %), a flat one none.
     */
    static final double GAIN_RIDGE = 0.05;

    private TrajectoryFit() {}

    static TrajectoryState fit(SourceTable train, long seed) {
        long t0 = System.nanoTime();
        SourceSchema schema = train.schema();
        if (!schema.runToFailure()) {
            throw new IllegalArgumentException(
                    "the trajectory model needs run-to-failure data: units, an order column and RUL");
        }
        List<Lives.Life> lives = Lives.of(train);
        List<Lives.Life> complete = lives.stream().filter(Lives.Life::complete).toList();
        if (complete.size() < 2) {
            throw new IllegalArgumentException(
                    "the trajectory model needs at least 2 lives that end in a failure, got " + complete.size());
        }
        int n = train.rows();
        List<String> continuous = new ArrayList<>();
        List<SourceSchema.Field> categorical = new ArrayList<>();
        for (SourceSchema.Field f : schema.learnt()) {
            if (f.kind().numeric()) {
                continuous.add(f.name());
            } else if (f.kind() == ColumnKind.FLAG || f.kind() == ColumnKind.CATEGORY) {
                categorical.add(f);
            }
        }
        int p = continuous.size();
        double[] mean = new double[p];
        double[] std = new double[p];
        double[] lower = new double[p];
        double[] upper = new double[p];
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double[] x = train.numeric(continuous.get(j));
            double sum = 0;
            double sq = 0;
            int count = 0;
            lower[j] = Double.POSITIVE_INFINITY;
            upper[j] = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    sum += v;
                    sq += v * v;
                    count++;
                    lower[j] = Math.min(lower[j], v);
                    upper[j] = Math.max(upper[j], v);
                }
            }
            mean[j] = count == 0 ? 0 : sum / count;
            double var = count < 2 ? 0 : (sq - sum * sum / count) / (count - 1);
            std[j] = var > 1e-24 ? Math.sqrt(var) : 1;
            if (count == 0) {
                lower[j] = 0;
                upper[j] = 0;
            }
            for (int i = 0; i < n; i++) {
                z[i][j] = Double.isNaN(x[i]) ? 0 : (x[i] - mean[j]) / std[j];
            }
        }
        double rulStep = schema.order().stepInRulUnits();
        double[] ttf = new double[n];
        double[] fraction = new double[n];
        double maxTtf = rulStep;
        for (Lives.Life l : lives) {
            for (int i = l.from(); i < l.to(); i++) {
                ttf[i] = l.ttf()[i - l.from()];
                maxTtf = Math.max(maxTtf, ttf[i]);
                fraction[i] = l.length() == 1 ? 1 : (double) (i - l.from()) / (l.length() - 1);
            }
        }

        // Operating regimes, if the rows show them: everything after is learnt within them.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Regimes regimes = Regimes.detect(z, lives, rng);
        if (regimes != null) {
            z = regimes.within(z);
        }

        // Failure modes.
        int[] lifeMode = modes(lives, complete, z, p, rng);
        int modes = Arrays.stream(lifeMode).max().orElse(0) + 1;
        int[] rowMode = new int[n];
        for (int k = 0; k < lives.size(); k++) {
            Arrays.fill(rowMode, lives.get(k).from(), lives.get(k).to(), lifeMode[k]);
        }

        // The clock, and each mode's trend against it.
        boolean fractionUsable = lives.stream().allMatch(Lives.Life::complete);
        double[][][] ttfTrend = new double[modes][][];
        double[][] ttfKnots = new double[modes][];
        double ttfResidual = trends(z, p, rowMode, modes, ttf, true, rulStep, maxTtf, ttfTrend, ttfKnots);
        double[][][] trend = ttfTrend;
        double[][] knots = ttfKnots;
        String clock = "ttf";
        String choice = String.format(java.util.Locale.ROOT, "time to failure: residual variance %.4f", ttfResidual);
        double residualVariance = ttfResidual;
        if (fractionUsable) {
            double[][][] fracTrend = new double[modes][][];
            double[][] fracKnots = new double[modes][];
            double fracResidual = trends(z, p, rowMode, modes, fraction, false, rulStep, maxTtf, fracTrend, fracKnots);
            choice += String.format(java.util.Locale.ROOT, "; fraction of life: %.4f", fracResidual);
            if (fracResidual < ttfResidual) {
                trend = fracTrend;
                knots = fracKnots;
                clock = "fraction";
                residualVariance = fracResidual;
            }
        }
        double[] clockOf = "fraction".equals(clock) ? fraction : ttf;

        // Residuals: offsets per life, then AR(1) with correlated innovations.
        double[][] r = new double[n][p];
        double[] at = new double[p];
        for (int i = 0; i < n; i++) {
            interpolate(knots[rowMode[i]], trend[rowMode[i]], clockOf[i], at);
            for (int j = 0; j < p; j++) {
                r[i][j] = z[i][j] - at[j];
            }
        }
        // Each life's own latent: an offset and a gain on the wear it has accumulated (its trend
        // minus the trend at its first row), fitted by least squares per reading. Lives of one model
        // fail more or less steeply (a replaced part is never identical, a mode too rare to cluster
        // moves its own sensors more); an offset alone took that as a shift of the whole life and
        // started new units far from where every real unit starts.
        double[][] offsets = new double[lives.size()][2 * p];
        double[] first = new double[p];
        for (int k = 0; k < lives.size(); k++) {
            Lives.Life l = lives.get(k);
            int m = rowMode[l.from()];
            interpolate(knots[m], trend[m], clockOf[l.from()], first);
            double[] sd = new double[p];
            double[] sr = new double[p];
            double[] sdd = new double[p];
            double[] sdr = new double[p];
            int len = l.length();
            // the wear so far of each row of the life, kept for taking the fit out below
            double[][] wear = new double[len][p];
            for (int i = l.from(); i < l.to(); i++) {
                interpolate(knots[m], trend[m], clockOf[i], at);
                for (int j = 0; j < p; j++) {
                    double d = at[j] - first[j];
                    wear[i - l.from()][j] = d;
                    sd[j] += d;
                    sr[j] += r[i][j];
                    sdd[j] += d * d;
                    sdr[j] += d * r[i][j];
                }
            }
            for (int j = 0; j < p; j++) {
                // ridge towards no gain: where a reading's trend barely moves (a pressure held by its controller),
                // a gain fitted on noise was several times the reading's spread and, drawn again, made wear up
                double varD = sdd[j] - sd[j] * sd[j] / len;
                double gain = (sdr[j] - sd[j] * sr[j] / len) / (varD + GAIN_RIDGE * len);
                offsets[k][j] = (sr[j] - gain * sd[j]) / len;
                offsets[k][p + j] = gain;
            }
            for (int i = l.from(); i < l.to(); i++) {
                for (int j = 0; j < p; j++) {
                    r[i][j] -= offsets[k][j] + offsets[k][p + j] * wear[i - l.from()][j];
                }
            }
        }
        double[] phi = new double[p];
        for (int j = 0; j < p; j++) {
            double num = 0;
            double den = 0;
            for (Lives.Life l : lives) {
                for (int i = l.from() + 1; i < l.to(); i++) {
                    num += r[i][j] * r[i - 1][j];
                    den += r[i - 1][j] * r[i - 1][j];
                }
            }
            phi[j] = den > 0 ? Math.max(0, Math.min(0.995, num / den)) : 0;
        }
        List<double[]> innovations = new ArrayList<>();
        for (Lives.Life l : lives) {
            for (int i = l.from() + 1; i < l.to(); i++) {
                double[] eta = new double[p];
                for (int j = 0; j < p; j++) {
                    eta[j] = r[i][j] - phi[j] * r[i - 1][j];
                }
                innovations.add(eta);
            }
        }
        double[][] innovation = cholesky(covariance(innovations.toArray(double[][]::new), p, 0));
        // Where the walk starts: the residuals of the first rows of each life. Drawing it from the
        // walk's stationary spread instead spread new units' first readings several times wider
        // than real ones wherever wear wanders slowly (phi near 1): every real life starts healthy.
        List<double[]> starts = new ArrayList<>();
        for (Lives.Life l : lives) {
            for (int i = l.from(); i < l.from() + Math.max(1, l.length() / TREND_BINS); i++) {
                starts.add(r[i].clone());
            }
        }
        double[][] start = cholesky(covariance(starts.toArray(double[][]::new), p, 0));
        // A unit's offset goes with its lifetime (a unit that starts worn fails sooner): regressed on
        // log lifetime over the complete lives, the rest left as the offsets' spread.
        double logMean = complete.stream()
                .mapToDouble(l -> Math.log(l.length()))
                .average()
                .orElse(0);
        double[] beta = new double[p];
        double varLog = 0;
        for (int k = 0; k < lives.size(); k++) {
            if (lives.get(k).complete()) {
                double x = Math.log(lives.get(k).length()) - logMean;
                varLog += x * x;
                for (int j = 0; j < p; j++) {
                    beta[j] += x * offsets[k][j];
                }
            }
        }
        // A slope needs lives to stand on: with fewer than MIN_LIVES_FOR_SLOPE complete lives (a
        // simulator seed of three or four) it is noise, and it turned a motor's 3-life seed into
        // offsets that put a quarter of the generated readings at the bottom of the range.
        boolean slope = complete.size() >= MIN_LIVES_FOR_SLOPE && varLog > 1e-12;
        for (int j = 0; j < p; j++) {
            beta[j] = slope ? beta[j] / varLog : 0;
        }
        for (int k = 0; k < lives.size(); k++) {
            if (lives.get(k).complete()) {
                double x = Math.log(lives.get(k).length()) - logMean;
                for (int j = 0; j < p; j++) {
                    offsets[k][j] -= beta[j] * x;
                }
            }
        }
        double[][] offset = cholesky(covariance(offsets, 2 * p, (double) 2 * p / (lives.size() + 2 * p)));

        // Lifetimes per mode, and the bandwidth of their smoothed bootstrap.
        List<TrajectoryState.Mode> modeList = new ArrayList<>();
        double[] logs = complete.stream().mapToDouble(l -> Math.log(l.length())).toArray();
        double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(logs);
        double spread = Math.max(0.005, Math.min(0.15, 1.06 * sd * Math.pow(logs.length, -0.2)));
        for (int m = 0; m < modes; m++) {
            // each complete life's length and latent side by side: a unit is drawn as one of them, so that a
            // steep wearer keeps the short life it had (on FD003 the two go together)
            List<Integer> lengths = new ArrayList<>();
            List<double[]> latents = new ArrayList<>();
            for (int k = 0; k < lives.size(); k++) {
                if (lifeMode[k] == m && lives.get(k).complete()) {
                    lengths.add(lives.get(k).length());
                    latents.add(offsets[k]);
                }
            }
            int mode = m;
            long inMode = Arrays.stream(lifeMode).filter(x -> x == mode).count();
            modeList.add(new TrajectoryState.Mode(
                    modes == 1 ? "all" : "mode_" + (m + 1),
                    (double) lengths.size() / complete.size(),
                    lengths.stream().mapToInt(Integer::intValue).toArray(),
                    knots[m],
                    trend[m],
                    latents.toArray(double[][]::new)));
            if (inMode == 0) {
                throw new IllegalStateException("empty failure mode");
            }
        }

        List<TrajectoryState.Categorical> cats = new ArrayList<>();
        for (SourceSchema.Field f : categorical) {
            cats.add(categorical(train, f, rowMode, modes, ttf, rulStep, maxTtf));
        }
        double orderStart = orderStart(train, lives);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new TrajectoryState(
                TrajectoryModel.FORMAT_VERSION,
                schema,
                clock,
                rulStep,
                schema.order().step(),
                orderStart,
                continuous,
                mean,
                std,
                lower,
                upper,
                modeList,
                phi,
                innovation,
                start,
                offset,
                beta,
                logMean,
                cats,
                maxTtf,
                spread,
                regimes == null
                        ? null
                        : new TrajectoryState.RegimeSet(
                                regimes.mean(), regimes.std(), regimes.start(), regimes.transitions()),
                new TrajectoryState.Fit(lives.size(), complete.size(), n, seconds, residualVariance, choice));
    }

    /**
     * Each life's mode. Complete lives are clustered by their signature; every other life joins the
     * largest mode. One mode unless the clusters are clear.
     */
    private static int[] modes(
            List<Lives.Life> lives, List<Lives.Life> complete, double[][] z, int p, UniformRandomProvider rng) {
        int[] result = new int[lives.size()];
        if (p == 0 || complete.size() < 10) {
            return result;
        }
        double[][] sig = new double[complete.size()][p];
        for (int k = 0; k < complete.size(); k++) {
            Lives.Life l = complete.get(k);
            int w = Math.max(1, Math.min(30, l.length() / 4));
            for (int j = 0; j < p; j++) {
                double first = 0;
                double last = 0;
                for (int i = 0; i < w; i++) {
                    first += z[l.from() + i][j] / w;
                    last += z[l.to() - 1 - i][j] / w;
                }
                sig[k][j] = last - first;
            }
        }
        int bestK = 1;
        double bestScore = MIN_SILHOUETTE;
        int[] bestLabels = new int[complete.size()];
        double[][] bestCentres = null;
        for (int k = 2; k <= 4 && k <= complete.size() / 5; k++) {
            KMeans.Clustering c = KMeans.fit(sig, k, 10, rng);
            int[] counts = new int[k];
            for (int label : c.labels()) {
                counts[label]++;
            }
            int smallest = Arrays.stream(counts).min().orElse(0);
            if (smallest < Math.max(3, 0.05 * complete.size())) {
                continue;
            }
            double score = KMeans.silhouette(sig, c.labels(), k);
            if (score > bestScore) {
                bestScore = score;
                bestK = k;
                bestLabels = c.labels();
                bestCentres = c.centres();
            }
        }
        if (bestK == 1) {
            return result;
        }
        // Modes numbered by size, largest first, so that names are stable.
        int[] counts = new int[bestK];
        for (int label : bestLabels) {
            counts[label]++;
        }
        Integer[] bySize = new Integer[bestK];
        for (int i = 0; i < bestK; i++) {
            bySize[i] = i;
        }
        Arrays.sort(
                bySize,
                (a, b) -> counts[b] != counts[a] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
        int[] rank = new int[bestK];
        for (int i = 0; i < bestK; i++) {
            rank[bySize[i]] = i;
        }
        int c = 0;
        for (int k = 0; k < lives.size(); k++) {
            result[k] = lives.get(k).complete() ? rank[bestLabels[c++]] : 0;
        }
        return result;
    }

    /**
     * Bins every mode's rows by the clock and takes the mean of each reading per bin; returns the
     * mean squared residual per reading (all modes), the measure the clock is chosen by.
     */
    private static double trends(
            double[][] z,
            int p,
            int[] rowMode,
            int modes,
            double[] clock,
            boolean ttfClock,
            double step,
            double maxTtf,
            double[][][] trendOut,
            double[][] knotsOut) {
        int n = z.length;
        int bins = TREND_BINS;
        double[][][] sums = new double[modes][bins][p];
        double[][] clockSum = new double[modes][bins];
        int[][] counts = new int[modes][bins];
        int[] bin = new int[n];
        for (int i = 0; i < n; i++) {
            bin[i] = ttfClock
                    ? TrajectoryModel.ttfBin(clock[i], step, maxTtf)
                    : Math.min(bins - 1, (int) Math.floor(clock[i] * bins));
            int m = rowMode[i];
            counts[m][bin[i]]++;
            clockSum[m][bin[i]] += clock[i];
            for (int j = 0; j < p; j++) {
                sums[m][bin[i]][j] += z[i][j];
            }
        }
        for (int m = 0; m < modes; m++) {
            List<double[]> rows = new ArrayList<>();
            List<Double> knots = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                if (counts[m][b] == 0) {
                    continue;
                }
                double[] mean = new double[p];
                for (int j = 0; j < p; j++) {
                    mean[j] = sums[m][b][j] / counts[m][b];
                }
                double c = clockSum[m][b] / counts[m][b];
                if (!knots.isEmpty() && c <= knots.get(knots.size() - 1)) {
                    c = Math.nextUp(knots.get(knots.size() - 1));
                }
                knots.add(c);
                rows.add(mean);
            }
            trendOut[m] = rows.toArray(double[][]::new);
            knotsOut[m] = knots.stream().mapToDouble(Double::doubleValue).toArray();
        }
        double sse = 0;
        double[] at = new double[p];
        for (int i = 0; i < n; i++) {
            interpolate(knotsOut[rowMode[i]], trendOut[rowMode[i]], clock[i], at);
            for (int j = 0; j < p; j++) {
                double d = z[i][j] - at[j];
                sse += d * d;
            }
        }
        return p == 0 ? 0 : sse / ((double) n * p);
    }

    /** The trend at a clock value: linear between knots, the end knot's value beyond them. */
    static void interpolate(double[] knots, double[][] trend, double clock, double[] out) {
        if (knots.length == 0) {
            Arrays.fill(out, 0);
            return;
        }
        int hi = Arrays.binarySearch(knots, clock);
        if (hi >= 0) {
            System.arraycopy(trend[hi], 0, out, 0, out.length);
            return;
        }
        hi = -hi - 1;
        if (hi == 0 || hi == knots.length) {
            System.arraycopy(trend[hi == 0 ? 0 : knots.length - 1], 0, out, 0, out.length);
            return;
        }
        double w = (clock - knots[hi - 1]) / (knots[hi] - knots[hi - 1]);
        for (int j = 0; j < out.length; j++) {
            out[j] = trend[hi - 1][j] * (1 - w) + trend[hi][j] * w;
        }
    }

    /** The covariance of the rows, shrunk by {@code shrink} towards its diagonal (few rows, many readings). */
    private static double[][] covariance(double[][] rows, int p, double shrink) {
        double[][] c = new double[p][p];
        int n = rows.length;
        if (n < 2) {
            for (int j = 0; j < p; j++) {
                c[j][j] = 1e-6;
            }
            return c;
        }
        double[] mean = new double[p];
        for (double[] r : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : rows) {
            for (int a = 0; a < p; a++) {
                double da = r[a] - mean[a];
                for (int b = 0; b <= a; b++) {
                    c[a][b] += da * (r[b] - mean[b]) / (n - 1);
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                c[a][b] *= 1 - shrink;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** Lower Cholesky factor, with a growing ridge until the matrix is positive definite (collinear readings). */
    static double[][] cholesky(double[][] c) {
        int p = c.length;
        if (p == 0) {
            return new double[0][0];
        }
        double scale = 0;
        for (int j = 0; j < p; j++) {
            scale = Math.max(scale, c[j][j]);
        }
        double ridge = 0;
        for (int attempt = 0; attempt < 30; attempt++) {
            double[][] m = new double[p][p];
            for (int a = 0; a < p; a++) {
                m[a] = c[a].clone();
                m[a][a] += ridge;
            }
            try {
                return new CholeskyDecomposition(new Array2DRowRealMatrix(m), 1e-12, 1e-12)
                        .getL()
                        .getData();
            } catch (NonPositiveDefiniteMatrixException
                    | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
                ridge = ridge == 0 ? Math.max(1e-12, scale * 1e-9) : ridge * 10;
            }
        }
        double[][] diag = new double[p][p];
        for (int j = 0; j < p; j++) {
            diag[j][j] = Math.sqrt(Math.max(0, c[j][j]));
        }
        return diag;
    }

    private static TrajectoryState.Categorical categorical(
            SourceTable t, SourceSchema.Field f, int[] rowMode, int modes, double[] ttf, double step, double maxTtf) {
        Column c = t.column(f.name());
        int n = t.rows();
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            if (c instanceof Column.Numeric num) {
                double v = num.values()[i];
                values[i] = Double.isNaN(v)
                        ? null
                        : f.kind() == ColumnKind.FLAG ? (v != 0 ? "1" : "0") : Double.toString(v);
            } else {
                values[i] = ((Column.Categorical) c).values()[i];
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null) {
                seen.add(v);
            }
        }
        if (f.kind() == ColumnKind.FLAG) {
            seen.add("0");
            seen.add("1");
        }
        List<String> labels = seen.stream().sorted().toList();
        int bins = TrajectoryModel.TTF_BINS;
        double[][][] counts = new double[modes][bins][labels.size()];
        double[] overall = new double[labels.size()];
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                continue;
            }
            int l = labels.indexOf(values[i]);
            counts[rowMode[i]][TrajectoryModel.ttfBin(ttf[i], step, maxTtf)][l]++;
            overall[l]++;
        }
        double total = Arrays.stream(overall).sum();
        for (int l = 0; l < overall.length; l++) {
            overall[l] = total == 0 ? 1.0 / overall.length : overall[l] / total;
        }
        double[][][] probabilities = new double[modes][bins][labels.size()];
        for (int m = 0; m < modes; m++) {
            for (int b = 0; b < bins; b++) {
                double rows = Arrays.stream(counts[m][b]).sum();
                for (int l = 0; l < labels.size(); l++) {
                    probabilities[m][b][l] =
                            (counts[m][b][l] + CATEGORY_PRIOR_ROWS * overall[l]) / (rows + CATEGORY_PRIOR_ROWS);
                }
            }
        }
        return new TrajectoryState.Categorical(f.name(), f.kind() == ColumnKind.FLAG, labels, probabilities);
    }

    /** Where a life's order starts: the median first counter value, or the first timestamp. */
    private static double orderStart(SourceTable t, List<Lives.Life> lives) {
        double[] order = t.numeric(t.schema().order().column());
        if (t.schema().order().kind() == SourceSchema.OrderKind.TIMESTAMP) {
            return Arrays.stream(order).filter(v -> !Double.isNaN(v)).min().orElse(0);
        }
        double[] firsts =
                lives.stream().mapToDouble(l -> order[l.from()]).sorted().toArray();
        return firsts[firsts.length / 2];
    }
}
