package dev.fleetsynth.engine.tvae.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Variational Bayesian Gaussian mixture of one numeric column with a Dirichlet-process
 * (stick-breaking) prior on the weights.
 *
 * <p>CTGAN's TVAE normalises each numeric column by the modes this mixture finds (RDT's
 * {@code ClusterBasedNormalizer}), so a model trained here must see the same modes CTGAN would. This
 * class therefore reproduces scikit-learn's {@code BayesianGaussianMixture} as that normaliser
 * configures it: {@code weight_concentration_prior_type='dirichlet_process'},
 * {@code weight_concentration_prior=0.001}, {@code covariance_type='full'}, {@code tol=1e-3},
 * {@code reg_covar=1e-6}, {@code max_iter=100}, {@code n_init=1}, {@code init_params='kmeans'} and
 * the default priors (mean precision 1, mean the data mean, degrees of freedom 1 = the number of
 * features, covariance the unbiased data variance). The updates are scikit-learn's reduced to one
 * dimension, so from the same initial clustering the fit takes the same number of iterations and
 * agrees with scikit-learn to rounding (the tests replay scikit-learn 1.9.1). The k-means start draws
 * from a different random stream than NumPy's, so a seeded fit matches scikit-learn's in distribution
 * only.
 *
 * <p>With a concentration prior this small, components the data does not need shrink to weights
 * near zero rather than disappearing; callers keep the components whose {@link #weights() weight}
 * exceeds a threshold. Within 100 iterations on thousands of rows, that often still leaves several
 * components on one true mode, exactly as it does in scikit-learn.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class BayesianGaussianMixture {
    /** The number of components CTGAN asks for. */
    public static final int DEFAULT_COMPONENTS = 10;

    static final double WEIGHT_CONCENTRATION_PRIOR = 1e-3;
    static final double MEAN_PRECISION_PRIOR = 1.0;
    static final double DEGREES_OF_FREEDOM_PRIOR = 1.0;
    static final double REG_COVAR = 1e-6;
    static final double TOL = 1e-3;
    static final int MAX_ITER = 100;
    /** scikit-learn adds this to every component's soft count so that an empty component divides safely. */
    private static final double EMPTY_COUNT = 10 * Math.ulp(1.0);

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double LOG_2 = Math.log(2);
    /** {@code Math.exp} of anything below this is exactly 0, so it need not be evaluated. */
    private static final double EXP_UNDERFLOW = -750;

    private final double[] concentrationA;
    private final double[] concentrationB;
    private final double[] meanPrecision;
    private final double[] means;
    private final double[] degreesOfFreedom;
    private final double[] covariances;
    private final int iterations;
    private final boolean converged;
    private final double lowerBound;

    private final double[] weights;
    private final double[] precisionCholesky;
    private final double[] scaledMeans;
    private final double[] logConstant;

    private BayesianGaussianMixture(Params p, int iterations, boolean converged, double lowerBound) {
        this.concentrationA = p.a.clone();
        this.concentrationB = p.b.clone();
        this.meanPrecision = p.beta.clone();
        this.means = p.m.clone();
        this.degreesOfFreedom = p.nu.clone();
        this.covariances = p.cov.clone();
        this.iterations = iterations;
        this.converged = converged;
        this.lowerBound = lowerBound;
        int k = means.length;
        this.precisionCholesky = new double[k];
        this.scaledMeans = new double[k];
        this.logConstant = p.logConstants();
        for (int j = 0; j < k; j++) {
            precisionCholesky[j] = 1 / Math.sqrt(covariances[j]);
            scaledMeans[j] = means[j] * precisionCholesky[j];
        }
        this.weights = stickBreakingWeights(concentrationA, concentrationB);
    }

    /**
     * Fits {@code min(components, x.length)} components (CTGAN caps the count at the row count, and
     * k-means cannot start more clusters than there are values). A single value, which scikit-learn
     * refuses, is fitted with a zero covariance prior since it has no sample variance.
     *
     * @param seed seeds the k-means start, the only random step
     * @throws IllegalArgumentException if {@code x} is empty or holds a value that is not finite, or
     *     {@code components < 1}
     */
    public static BayesianGaussianMixture fit(double[] x, int components, long seed) {
        check(x, components);
        int k = Math.min(components, x.length);
        int[] labels = KMeans1D.labels(x, k, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        return fitFromLabels(x, labels, k);
    }

    /** The fit from a given hard clustering: what {@link #fit} does after k-means, open to tests that replay scikit-learn's start. */
    static BayesianGaussianMixture fitFromLabels(double[] x, int[] labels, int k) {
        return fitFromLabels(x, labels, k, MAX_ITER);
    }

    /** As {@link #fitFromLabels(double[], int[], int)} with an iteration limit; 0 stops after the start. */
    static BayesianGaussianMixture fitFromLabels(double[] x, int[] labels, int k, int maxIter) {
        check(x, k);
        int n = x.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " values");
        }
        double meanPrior = 0;
        for (double v : x) {
            meanPrior += v;
        }
        meanPrior /= n;
        double covariancePrior = 0;
        if (n > 1) {
            for (double v : x) {
                double d = v - meanPrior;
                covariancePrior += d * d;
            }
            covariancePrior /= n - 1;
        }
        Groups groups = Groups.of(x, labels, k);
        Params p = new Params(k, meanPrior, covariancePrior);
        p.start(groups.values, groups.counts, groups.labels);

        double bound = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iter = 0;
        while (iter < maxIter) {
            iter++;
            double previous = bound;
            double rLogR = p.expectationMaximisation(groups.values, groups.counts);
            bound = p.lowerBound(rLogR);
            if (Math.abs(bound - previous) < TOL) {
                converged = true;
                break;
            }
        }
        return new BayesianGaussianMixture(p, iter, converged, bound);
    }

    /**
     * Rows with the same value and the same starting label, counted once: they share every
     * responsibility, so EM over distinct values weighted by their counts is the same computation,
     * only shorter where a column has ties (integer counters, rounded readings, a constant column).
     */
    private record Groups(double[] values, int[] counts, int[] labels) {
        static Groups of(double[] x, int[] labels, int k) {
            int n = x.length;
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            int u = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || Double.compare(sorted[i], sorted[u - 1]) != 0) {
                    sorted[u++] = sorted[i];
                }
            }
            int[] tally = new int[u * k];
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= k) {
                    throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + k + ")");
                }
                tally[Arrays.binarySearch(sorted, 0, u, x[i]) * k + labels[i]]++;
            }
            int g = 0;
            for (int c : tally) {
                if (c > 0) {
                    g++;
                }
            }
            double[] values = new double[g];
            int[] counts = new int[g];
            int[] groupLabels = new int[g];
            for (int t = 0, i = 0; t < tally.length; t++) {
                if (tally[t] > 0) {
                    values[i] = sorted[t / k];
                    counts[i] = tally[t];
                    groupLabels[i] = t % k;
                    i++;
                }
            }
            return new Groups(values, counts, groupLabels);
        }
    }

    private static void check(double[] x, int components) {
        if (components < 1) {
            throw new IllegalArgumentException("components must be at least 1, not " + components);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("no values to fit");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("value " + x[i] + " at row " + i + " is not finite");
            }
        }
    }

    /** Expected stick-breaking weights, normalised (scikit-learn's {@code weights_}). */
    private static double[] stickBreakingWeights(double[] a, double[] b) {
        int k = a.length;
        double[] w = new double[k];
        double remaining = 1;
        double total = 0;
        for (int j = 0; j < k; j++) {
            double sum = a[j] + b[j];
            w[j] = a[j] / sum * remaining;
            remaining *= b[j] / sum;
            total += w[j];
        }
        for (int j = 0; j < k; j++) {
            w[j] /= total;
        }
        return w;
    }

    /** Accessors return copies: the mixture stays immutable. */
    public int components() {
        return means.length;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[] means() {
        return means.clone();
    }

    public double[] covariances() {
        return covariances.clone();
    }

    /** Square roots of the covariances: the scale CTGAN divides by (times four) to normalise a value. */
    public double[] stds() {
        double[] s = new double[covariances.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(covariances[j]);
        }
        return s;
    }

    /** EM iterations run, at most 100. */
    public int iterations() {
        return iterations;
    }

    /** Whether the lower bound settled (change below 1e-3) before the iteration limit. */
    public boolean converged() {
        return converged;
    }

    /** Final evidence lower bound, up to scikit-learn's dropped constants. */
    public double lowerBound() {
        return lowerBound;
    }

    /** Posterior probability of each component for one finite value (scikit-learn's {@code predict_proba}). */
    public double[] predictProba(double x) {
        double[] out = new double[means.length];
        posterior(x, out, 0);
        return out;
    }

    /** Posterior probabilities for many values, row-major: entry {@code i * components() + k}. */
    public double[] predictProba(double[] xs) {
        int k = means.length;
        double[] out = new double[xs.length * k];
        for (int i = 0; i < xs.length; i++) {
            posterior(xs[i], out, i * k);
        }
        return out;
    }

    /**
     * Writes the posterior of {@code x} into {@code out[offset .. offset + components())}, through
     * log-sum-exp so that a value far from every component (all densities underflowing) still gets a
     * proper distribution. The fit's E-step does the same arithmetic, inlined with its bookkeeping.
     */
    void posterior(double x, double[] out, int offset) {
        double[] logConstant = this.logConstant;
        double[] pc = precisionCholesky;
        double[] mpc = scaledMeans;
        int k = logConstant.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double y = x * pc[j] - mpc[j];
            double v = logConstant[j] - 0.5 * (y * y);
            out[offset + j] = v;
            if (v > max) {
                max = v;
            }
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double d = out[offset + j] - max;
            double e = d < EXP_UNDERFLOW ? 0 : Math.exp(d);
            out[offset + j] = e;
            sum += e;
        }
        double inverse = 1 / sum;
        for (int j = 0; j < k; j++) {
            out[offset + j] *= inverse;
        }
    }

    /** The fitted variational state; {@link #fromJson} rebuilds an identical mixture from it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        put(o, "concentrationA", concentrationA);
        put(o, "concentrationB", concentrationB);
        put(o, "meanPrecision", meanPrecision);
        put(o, "means", means);
        put(o, "degreesOfFreedom", degreesOfFreedom);
        put(o, "covariances", covariances);
        o.put("iterations", iterations);
        o.put("converged", converged);
        if (Double.isFinite(lowerBound)) {
            o.put("lowerBound", lowerBound);
        }
        return o;
    }

    /** @throws IllegalArgumentException if a field is missing or malformed */
    public static BayesianGaussianMixture fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("mixture: expected an object");
        }
        double[] a = get(json, "concentrationA");
        int k = a.length;
        if (k == 0) {
            throw new IllegalArgumentException("mixture: no components");
        }
        Params p = new Params(k, 0, 0);
        p.a = a;
        p.b = get(json, "concentrationB", k);
        p.beta = get(json, "meanPrecision", k);
        p.m = get(json, "means", k);
        p.nu = get(json, "degreesOfFreedom", k);
        p.cov = get(json, "covariances", k);
        for (int j = 0; j < k; j++) {
            if (!(p.a[j] > 0 && p.b[j] > 0 && p.beta[j] > 0 && p.nu[j] > 0 && p.cov[j] > 0)) {
                throw new IllegalArgumentException("mixture: component " + j + " has a non-positive parameter");
            }
        }
        JsonNode iterations = json.get("iterations");
        JsonNode converged = json.get("converged");
        JsonNode bound = json.get("lowerBound");
        if (iterations == null
                || !iterations.canConvertToInt()
                || converged == null
                || !converged.isBoolean()
                || (bound != null && !bound.isNumber())) {
            throw new IllegalArgumentException("mixture: iterations or converged missing, or lowerBound not a number");
        }
        // A mixture stopped before its first iteration has no bound yet.
        double lower = bound == null ? Double.NEGATIVE_INFINITY : bound.doubleValue();
        return new BayesianGaussianMixture(p, iterations.intValue(), converged.booleanValue(), lower);
    }

    private static void put(ObjectNode o, String field, double[] values) {
        ArrayNode array = o.putArray(field);
        for (double v : values) {
            array.add(v);
        }
    }

    private static double[] get(JsonNode json, String field, int length) {
        double[] v = get(json, field);
        if (v.length != length) {
            throw new IllegalArgumentException(
                    "mixture: " + field + " has " + v.length + " entries, expected " + length);
        }
        return v;
    }

    private static double[] get(JsonNode json, String field) {
        JsonNode array = json.get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("mixture: " + field + " missing");
        }
        double[] v = new double[array.size()];
        for (int j = 0; j < v.length; j++) {
            JsonNode e = array.get(j);
            if (!e.isNumber() || !Double.isFinite(e.doubleValue())) {
                throw new IllegalArgumentException("mixture: " + field + "[" + j + "] is not a finite number");
            }
            v[j] = e.doubleValue();
        }
        return v;
    }

    @Override
    public String toString() {
        return "BayesianGaussianMixture[weights=" + Arrays.toString(weights) + ", means=" + Arrays.toString(means)
                + ", stds=" + Arrays.toString(stds()) + ", iterations=" + iterations + "]";
    }

    /**
     * Working variational parameters during a fit, named as in scikit-learn's source so the two can be
     * read side by side: stick-breaking Beta parameters {@code a, b} ({@code weight_concentration_}),
     * {@code beta} ({@code mean_precision_}), {@code m} ({@code means_}), {@code nu}
     * ({@code degrees_of_freedom_}) and {@code cov} ({@code covariances_}, the Wishart scale already
     * divided by {@code nu}).
     */
    private static final class Params {
        final int k;
        final double meanPrior;
        final double covariancePrior;
        double[] a;
        double[] b;
        double[] beta;
        double[] m;
        double[] nu;
        double[] cov;
        final double[] nk;
        final double[] xk;
        final double[] sk;

        Params(int k, double meanPrior, double covariancePrior) {
            this.k = k;
            this.meanPrior = meanPrior;
            this.covariancePrior = covariancePrior;
            a = new double[k];
            b = new double[k];
            beta = new double[k];
            m = new double[k];
            nu = new double[k];
            cov = new double[k];
            nk = new double[k];
            xk = new double[k];
            sk = new double[k];
        }

        /** The M-step from a hard clustering (scikit-learn's {@code _initialize}); group {@code i} stands for {@code counts[i]} rows. */
        void start(double[] x, int[] counts, int[] labels) {
            Arrays.fill(nk, EMPTY_COUNT);
            Arrays.fill(xk, 0);
            Arrays.fill(sk, 0);
            for (int i = 0; i < x.length; i++) {
                nk[labels[i]] += counts[i];
                xk[labels[i]] += counts[i] * x[i];
            }
            for (int j = 0; j < k; j++) {
                xk[j] /= nk[j];
            }
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - xk[labels[i]];
                sk[labels[i]] += counts[i] * d * d;
            }
            for (int j = 0; j < k; j++) {
                sk[j] = sk[j] / nk[j] + REG_COVAR;
            }
            update();
        }

        /**
         * One E-step and M-step in a single pass: responsibilities are folded into each component's soft
         * count and first two moments as they are computed, instead of being stored and read twice.
         * Moments are taken about the component's current mean, which the new one is close to, so the
         * variance does not suffer the cancellation of raw moments. Returns {@code sum r log r} of the
         * E-step for the bound.
         */
        double expectationMaximisation(double[] x, int[] counts) {
            double[] c = logConstants();
            double[] pc = new double[k];
            double[] mpc = new double[k];
            double[] shift = m.clone();
            for (int j = 0; j < k; j++) {
                pc[j] = 1 / Math.sqrt(cov[j]);
                mpc[j] = m[j] * pc[j];
            }
            double[] s0 = new double[k];
            double[] s1 = new double[k];
            double[] s2 = new double[k];
            double[] e = new double[k];
            // sum r log r = sum over rows of (sum_k r_k d_k - log(normaliser)); the logs are taken of
            // running products of normalisers (each in [1, k]), one log per many rows instead of per row.
            double rLogR = 0;
            double normaliserProduct = 1;
            for (int i = 0; i < x.length; i++) {
                double v = x[i];
                double count = counts[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double y = v * pc[j] - mpc[j];
                    double logit = c[j] - 0.5 * (y * y);
                    e[j] = logit;
                    max = Math.max(max, logit);
                }
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < k; j++) {
                    double d = e[j] - max;
                    double ej = d < EXP_UNDERFLOW ? 0 : Math.exp(d);
                    e[j] = ej;
                    sum += ej;
                    weighted += ej * d;
                }
                double inverse = 1 / sum;
                rLogR += count * (weighted * inverse);
                if (counts[i] == 1) {
                    normaliserProduct *= sum;
                } else {
                    rLogR -= count * Math.log(sum);
                }
                if (normaliserProduct > 1e250) {
                    rLogR -= Math.log(normaliserProduct);
                    normaliserProduct = 1;
                }
                double scale = count * inverse;
                for (int j = 0; j < k; j++) {
                    double w = scale * e[j];
                    double d = v - shift[j];
                    double wd = w * d;
                    s0[j] += w;
                    s1[j] += wd;
                    s2[j] += wd * d;
                }
            }
            rLogR -= Math.log(normaliserProduct);
            for (int j = 0; j < k; j++) {
                nk[j] = s0[j] + EMPTY_COUNT;
                xk[j] = (shift[j] * s0[j] + s1[j]) / nk[j];
                // sum r (x - xk)^2 = s2 - 2 delta s1 + delta^2 s0, with delta = xk - shift.
                double delta = xk[j] - shift[j];
                double scatter = s2[j] - 2 * delta * s1[j] + delta * delta * s0[j];
                sk[j] = Math.max(0, scatter) / nk[j] + REG_COVAR;
            }
            update();
            return rLogR;
        }

        /** The variational parameters from soft counts {@code nk}, means {@code xk} and variances {@code sk}. */
        private void update() {
            // Stick-breaking: a component's second Beta parameter collects the counts of all later ones.
            double later = 0;
            for (int j = k - 1; j >= 0; j--) {
                a[j] = 1.0 + nk[j];
                b[j] = WEIGHT_CONCENTRATION_PRIOR + later;
                later += nk[j];
            }
            for (int j = 0; j < k; j++) {
                beta[j] = MEAN_PRECISION_PRIOR + nk[j];
                m[j] = (MEAN_PRECISION_PRIOR * meanPrior + nk[j] * xk[j]) / beta[j];
                nu[j] = DEGREES_OF_FREEDOM_PRIOR + nk[j];
                double diff = xk[j] - meanPrior;
                cov[j] = (covariancePrior + nk[j] * sk[j] + nk[j] * MEAN_PRECISION_PRIOR / beta[j] * (diff * diff))
                        / nu[j];
            }
        }

        /**
         * Per component, everything in the expected log of weight times density that does not depend on
         * the value: the expected log stick-breaking weight, the Gaussian normaliser, and the
         * corrections for uncertainty in precision ({@code -0.5 log nu}, {@code 0.5 E[log lambda]}) and
         * in the mean ({@code -0.5 / beta}).
         */
        double[] logConstants() {
            double[] c = new double[k];
            double sticks = 0;
            for (int j = 0; j < k; j++) {
                double digammaSum = Gamma.digamma(a[j] + b[j]);
                double logWeight = Gamma.digamma(a[j]) - digammaSum + sticks;
                sticks += Gamma.digamma(b[j]) - digammaSum;
                double logDet = Math.log(1 / Math.sqrt(cov[j]));
                double logGauss = -0.5 * LOG_2PI + logDet - 0.5 * Math.log(nu[j]);
                double logLambda = LOG_2 + Gamma.digamma(0.5 * nu[j]);
                c[j] = logGauss + 0.5 * (logLambda - 1 / beta[j]) + logWeight;
            }
            return c;
        }

        /**
         * scikit-learn's {@code _compute_lower_bound} in one dimension, with the same constants dropped;
         * only its change between iterations matters.
         */
        double lowerBound(double rLogR) {
            double logWishart = 0;
            double logNormWeight = 0;
            double logMeanPrecision = 0;
            for (int j = 0; j < k; j++) {
                double logDetCholesky = Math.log(1 / Math.sqrt(cov[j])) - 0.5 * Math.log(nu[j]);
                logWishart += -(nu[j] * logDetCholesky + nu[j] * 0.5 * LOG_2 + Gamma.logGamma(0.5 * nu[j]));
                logNormWeight -= Beta.logBeta(a[j], b[j]);
                logMeanPrecision += Math.log(beta[j]);
            }
            return -rLogR - logWishart - logNormWeight - 0.5 * logMeanPrecision;
        }
    }
}
