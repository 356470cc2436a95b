package dev.fleetsynth.engine.tvae.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BayesianGaussianMixtureTest {
    private static final double KEEP = 0.005;

    // ---- scikit-learn replayed from its own k-means start ------------------------------------------

    static Stream<Named<JsonNode>> sklearnCases() throws IOException {
        try (InputStream in = BayesianGaussianMixtureTest.class.getResourceAsStream("sklearn-reference.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Named<JsonNode>> cases = new ArrayList<>();
            root.get("cases").forEach(c -> cases.add(Named.of(c.get("name").asText(), c)));
            return cases.stream();
        }
    }

    /**
     * sklearn-reference.json (made by make_sklearn_reference.py beside it, scikit-learn 1.9.1) holds,
     * per case, the data, the k-means labels scikit-learn started from and what it fitted. Replaying the
     * same start must land on the same mixture: same iteration count, same parameters to rounding.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearnCases")
    void reproducesScikitLearnFromTheSameStart(JsonNode c) {
        double[] x = doubles(c.get("x"));
        int[] labels = ints(c.get("labels"));
        int k = c.get("components").asInt();
        int maxIter = c.get("name").asText().contains("one step") ? 1 : BayesianGaussianMixture.MAX_ITER;

        BayesianGaussianMixture g = BayesianGaussianMixture.fitFromLabels(x, labels, k, maxIter);

        assertThat(g.iterations()).isEqualTo(c.get("iterations").asInt());
        assertThat(g.converged()).isEqualTo(c.get("converged").asBoolean());
        // Converged cases agree to about 1e-11; the two stopped at 100 iterations, still drifting,
        // differ by up to 3e-8 relative, rounding accumulated over the iterations.
        assertClose(g.weights(), doubles(c.get("weights")), 1e-7);
        assertClose(g.means(), doubles(c.get("means")), 1e-7);
        assertClose(g.covariances(), doubles(c.get("covariances")), 1e-7);
        assertThat(g.lowerBound())
                .isCloseTo(
                        c.get("lowerBound").asDouble(),
                        within(1e-9 * Math.max(1, Math.abs(c.get("lowerBound").asDouble()))));
        double[] probes = doubles(c.get("probes"));
        double[] proba = g.predictProba(probes);
        for (int i = 0; i < probes.length; i++) {
            double[] expected = doubles(c.get("proba").get(i));
            for (int j = 0; j < k; j++) {
                assertThat(proba[i * k + j]).as("proba[%d][%d]", i, j).isCloseTo(expected[j], within(1e-7));
            }
        }
    }

    /**
     * The start (no iteration yet) and its posterior at one value, worked out from Bishop's
     * formulas (PRML 10.60-10.66) rather than scikit-learn's normalised form, for x = 0 1 2 | 10 11 13.
     */
    @Test
    void startAndPosteriorMatchAHandDerivation() {
        double[] x = {0, 1, 2, 10, 11, 13};
        BayesianGaussianMixture g = BayesianGaussianMixture.fitFromLabels(x, new int[] {0, 0, 0, 1, 1, 1}, 2, 0);

        // Priors: m0 = mean = 37/6, S0 = unbiased variance = (395 - 6 (37/6)^2) / 5 = 1001/30.
        double m0 = 37.0 / 6;
        double s0 = 1001.0 / 30;
        // Per cluster N = 3; cluster means 1 and 34/3; biased variances 2/3 and 14/9 (+ reg 1e-6).
        double[] xbar = {1, 34.0 / 3};
        double[] s = {2.0 / 3 + 1e-6, 14.0 / 9 + 1e-6};
        double n = 3;
        double beta = 1 + n;
        double nu = 1 + n;
        double[] m = new double[2];
        double[] cov = new double[2];
        for (int k = 0; k < 2; k++) {
            m[k] = (m0 + n * xbar[k]) / beta;
            double d = xbar[k] - m0;
            // W^-1 = S0 + N S + (beta0 N / (beta0 + N)) (xbar - m0)^2; scikit-learn keeps W^-1 / nu.
            cov[k] = (s0 + n * s[k] + n / (1 + n) * d * d) / nu;
        }
        assertClose(g.means(), new double[] {55.0 / 24, 241.0 / 24}, 1e-12);
        assertClose(g.means(), m, 1e-12);
        assertClose(g.covariances(), cov, 1e-12);
        // Stick-breaking: v1 ~ Beta(1 + 3, 0.001 + 3), v2 ~ Beta(1 + 3, 0.001); E[pi] = E[v1], E[v2](1 - E[v1]).
        double w1 = 4 / 7.001;
        double w2 = 4 / 4.001 * (3.001 / 7.001);
        assertClose(g.weights(), new double[] {w1 / (w1 + w2), w2 / (w1 + w2)}, 1e-12);

        // ln rho_k = E[ln pi_k] + E[ln lambda_k]/2 - ln(2 pi)/2 - (1/beta_k + nu_k W_k (x - m_k)^2)/2,
        // with E[ln lambda] = psi(nu/2) + ln 2 + ln W and W = 1 / (nu cov).
        double value = 5;
        double[] a = {4, 4};
        double[] b = {3.001, 0.001};
        double[] lnRho = new double[2];
        double previousSticks = 0;
        for (int k = 0; k < 2; k++) {
            double lnV = Gamma.digamma(a[k]) - Gamma.digamma(a[k] + b[k]);
            double ln1MinusV = Gamma.digamma(b[k]) - Gamma.digamma(a[k] + b[k]);
            double lnPi = lnV + previousSticks;
            previousSticks += ln1MinusV;
            double w = 1 / (nu * cov[k]);
            double lnLambda = Gamma.digamma(nu / 2) + Math.log(2) + Math.log(w);
            double dx = value - m[k];
            lnRho[k] = lnPi + 0.5 * lnLambda - 0.5 * Math.log(2 * Math.PI) - 0.5 * (1 / beta + nu * w * dx * dx);
        }
        double r0 = 1 / (1 + Math.exp(lnRho[1] - lnRho[0]));
        assertClose(g.predictProba(value), new double[] {r0, 1 - r0}, 1e-12);
    }

    // ---- known mixtures, seeded fits ---------------------------------------------------------------

    @Test
    void twoSeparatedGaussiansAreFoundWithTheirWeightsMeansAndSpreads() {
        for (long seed = 1; seed <= 3; seed++) {
            Sample sample = sample(seed, new double[] {0.3, 0.7}, new double[] {-5, 10}, new double[] {1, 2}, 10_000);
            assertRecovers(BayesianGaussianMixture.fit(sample.x(), 10, seed), sample);
        }
    }

    /**
     * On a few hundred rows the stick-breaking prior usually prunes to the true count, exactly two
     * components above 0.005. On thousands of rows 100 iterations are too few for that, in
     * scikit-learn as here, and the spare components share a true mode, as the test above allows.
     */
    @Test
    void twoSeparatedGaussiansOnFewRowsMostlyKeepExactlyTwoComponents() {
        int exactlyTwo = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Sample sample = sample(seed, new double[] {0.3, 0.7}, new double[] {-5, 10}, new double[] {1, 2}, 500);
            BayesianGaussianMixture g = BayesianGaussianMixture.fit(sample.x(), 10, seed);
            if (kept(g.weights()).size() == 2) {
                exactlyTwo++;
                double[] w = g.weights();
                double[] mu = g.means();
                for (int k : kept(w)) {
                    int t = mu[k] < 2.5 ? 0 : 1;
                    assertThat(w[k]).isCloseTo(sample.weights()[t], within(0.03));
                    // The mean prior (column mean, precision 1) pulls a mode of N rows by 1/(N + 1) of the gap.
                    assertThat(mu[k]).isCloseTo(sample.means()[t], within(0.15 * sample.stds()[t]));
                }
            }
        }
        assertThat(exactlyTwo).isGreaterThanOrEqualTo(3);
    }

    /**
     * Small samples show what the covariance prior (the whole column's variance) does: it widens a
     * narrow mode far from the column mean by about (S0 + N/(N+1) (mean - m0)^2) / N in variance, the
     * same in scikit-learn. For 150 rows of N(-5, 1) beside 350 of N(10, 2) that is a standard deviation
     * near 1.4 rather than 1; CTGAN's normalisation inherits it.
     */
    @Test
    void theCovariancePriorWidensANarrowModeOnFewRowsAsScikitLearnDoes() {
        Sample sample = sample(2, new double[] {0.3, 0.7}, new double[] {-5, 10}, new double[] {1, 2}, 500);
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(sample.x(), 10, 2);
        double[] x = sample.x();
        int n = x.length;
        double m0 = mean(x, 0, n);
        double s0 = 0;
        for (double v : x) {
            s0 += (v - m0) * (v - m0);
        }
        s0 /= n - 1;
        int narrow = kept(g.weights()).stream()
                .filter(k -> g.means()[k] < 2.5)
                .findFirst()
                .orElseThrow();
        double count = 150;
        double blockMean = mean(x, 0, 150);
        double blockVar = sample.stds()[0] * sample.stds()[0];
        double d = blockMean - m0;
        double expected = (s0 + count * (blockVar + 1e-6) + count / (1 + count) * d * d) / (1 + count);
        assertThat(g.covariances()[narrow]).isCloseTo(expected, within(0.02 * expected));
        assertThat(g.stds()[narrow]).isGreaterThan(1.3);
    }

    @Test
    void oneGaussianIsCoveredByComponentsOnItsMode() {
        Sample sample = sample(5, new double[] {1}, new double[] {3}, new double[] {0.5}, 10_000);
        assertRecovers(BayesianGaussianMixture.fit(sample.x(), 10, 5), sample);
    }

    @Test
    void threeModesAreFound() {
        for (long seed = 1; seed <= 2; seed++) {
            Sample sample = sample(
                    seed, new double[] {0.4, 0.4, 0.2}, new double[] {0, 10, 25}, new double[] {1, 1, 2}, 10_000);
            assertRecovers(BayesianGaussianMixture.fit(sample.x(), 10, seed), sample);
        }
    }

    @Test
    void constantColumnHasOneMode() {
        double[] x = new double[500];
        java.util.Arrays.fill(x, 4.25);
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(x, 10, 1);
        List<Integer> kept = kept(g.weights());
        assertThat(kept).hasSize(1);
        int k = kept.get(0);
        assertThat(g.weights()[k]).isGreaterThan(0.99);
        assertThat(g.means()[k]).isCloseTo(4.25, within(1e-9));
        // Only reg_covar keeps the variance off zero: about 1e-6 (scaled by N / (N + 1)).
        assertThat(g.stds()[k]).isCloseTo(1e-3, within(1e-5));
        assertThat(g.predictProba(4.25)[k]).isCloseTo(1, within(1e-9));
    }

    @Test
    void fewerDistinctValuesThanComponentsGiveOneModePerValue() {
        double[] x = new double[90];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i % 3;
        }
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(x, 10, 3);
        List<Integer> kept = kept(g.weights());
        assertThat(kept).hasSize(3);
        List<Double> keptMeans = kept.stream().map(k -> g.means()[k]).sorted().toList();
        assertThat(keptMeans.get(0)).isCloseTo(1, within(0.05));
        assertThat(keptMeans.get(1)).isCloseTo(2, within(0.05));
        assertThat(keptMeans.get(2)).isCloseTo(3, within(0.05));
        for (int k : kept) {
            assertThat(g.weights()[k]).isCloseTo(1.0 / 3, within(0.01));
        }
    }

    @Test
    void fewerRowsThanComponentsFitOneComponentPerRowAtMost() {
        double[] x = {0.5, 1.5, 1.7, 9, 9.3, 10.1, 10.2};
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(x, 10, 2);
        assertThat(g.components()).isEqualTo(7);
        assertSumsToOne(g.weights());
        assertSumsToOne(g.predictProba(5.0));

        BayesianGaussianMixture single = BayesianGaussianMixture.fit(new double[] {3}, 10, 2);
        assertThat(single.components()).isEqualTo(1);
        assertThat(single.means()[0]).isCloseTo(3, within(1e-12));
        assertThat(single.weights()[0]).isCloseTo(1, within(1e-12));
    }

    @Test
    void sameSeedGivesTheSameFit() {
        double[] x = sample(9, new double[] {0.5, 0.5}, new double[] {0, 6}, new double[] {1, 1}, 2000)
                .x();
        BayesianGaussianMixture a = BayesianGaussianMixture.fit(x, 10, 42);
        BayesianGaussianMixture b = BayesianGaussianMixture.fit(x, 10, 42);
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(a.means()).containsExactly(b.means());
        assertThat(a.covariances()).containsExactly(b.covariances());
        assertThat(a.iterations()).isEqualTo(b.iterations());
        assertThat(a.predictProba(x)).containsExactly(b.predictProba(x));
    }

    @Test
    void posteriorStaysAProperDistributionFarFromTheData() {
        double[] x = sample(4, new double[] {0.5, 0.5}, new double[] {0, 6}, new double[] {0.1, 0.1}, 500)
                .x();
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(x, 10, 4);
        for (double v : new double[] {-1e6, -1e3, 3, 1e3, 1e6}) {
            double[] p = g.predictProba(v);
            for (double q : p) {
                assertThat(q).isBetween(0.0, 1.0);
            }
            assertSumsToOne(p);
        }
    }

    @Test
    void predictProbaOfAnArrayIsRowMajorAndAgreesWithSingleValues() {
        double[] x = sample(6, new double[] {0.5, 0.5}, new double[] {0, 6}, new double[] {1, 1}, 400)
                .x();
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(x, 10, 6);
        double[] probes = {-2, 0, 3, 6, 8};
        double[] all = g.predictProba(probes);
        int k = g.components();
        assertThat(all).hasSize(probes.length * k);
        for (int i = 0; i < probes.length; i++) {
            assertThat(java.util.Arrays.copyOfRange(all, i * k, (i + 1) * k))
                    .containsExactly(g.predictProba(probes[i]));
        }
    }

    @Test
    void jsonRoundTripGivesAnIdenticalMixture() {
        double[] x = sample(8, new double[] {0.3, 0.7}, new double[] {-5, 10}, new double[] {1, 2}, 1000)
                .x();
        BayesianGaussianMixture g = BayesianGaussianMixture.fit(x, 10, 8);
        BayesianGaussianMixture back = BayesianGaussianMixture.fromJson(g.toJson());
        assertThat(back.weights()).containsExactly(g.weights());
        assertThat(back.means()).containsExactly(g.means());
        assertThat(back.stds()).containsExactly(g.stds());
        assertThat(back.iterations()).isEqualTo(g.iterations());
        assertThat(back.converged()).isEqualTo(g.converged());
        assertThat(back.lowerBound()).isEqualTo(g.lowerBound());
        assertThat(back.predictProba(x)).containsExactly(g.predictProba(x));

        var broken = g.toJson();
        broken.remove("covariances");
        assertThatThrownBy(() -> BayesianGaussianMixture.fromJson(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covariances");
    }

    @Test
    void rejectsEmptyAndNonFiniteInput() {
        assertThatThrownBy(() -> BayesianGaussianMixture.fit(new double[0], 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BayesianGaussianMixture.fit(new double[] {1, Double.NaN}, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> BayesianGaussianMixture.fit(new double[] {1, Double.POSITIVE_INFINITY}, 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BayesianGaussianMixture.fit(new double[] {1, 2}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Data drawn in blocks, one per mode, with each block's own weight, mean and (biased) spread. */
    record Sample(double[] x, double[] weights, double[] means, double[] stds) {}

    /**
     * Each kept component must sit on one mode (within two of its standard deviations), and the
     * components on a mode together must carry its weight (within 0.03) and, moment-matched, its mean
     * (within 5 % of its spread) and spread (within 5 %). Compared with the drawn sample, not the
     * distribution it was drawn from, so sampling error does not count against the fit.
     */
    static void assertRecovers(BayesianGaussianMixture g, Sample sample) {
        double[] w = g.weights();
        double[] mu = g.means();
        double[] sd = g.stds();
        double[] means = sample.means();
        double[] stds = sample.stds();
        int modes = means.length;
        double[] total = new double[modes];
        double[] first = new double[modes];
        double[] second = new double[modes];
        for (int k : kept(w)) {
            int nearest = 0;
            for (int t = 1; t < modes; t++) {
                if (Math.abs(mu[k] - means[t]) < Math.abs(mu[k] - means[nearest])) {
                    nearest = t;
                }
            }
            assertThat(Math.abs(mu[k] - means[nearest]))
                    .as("component %d at %s", k, mu[k])
                    .isLessThan(2 * stds[nearest]);
            total[nearest] += w[k];
            first[nearest] += w[k] * mu[k];
            second[nearest] += w[k] * (sd[k] * sd[k] + mu[k] * mu[k]);
        }
        for (int t = 0; t < modes; t++) {
            assertThat(total[t]).as("weight of mode %d", t).isCloseTo(sample.weights()[t], within(0.03));
            double mean = first[t] / total[t];
            double std = Math.sqrt(second[t] / total[t] - mean * mean);
            assertThat(mean).as("mean of mode %d", t).isCloseTo(means[t], within(0.05 * stds[t]));
            assertThat(std).as("std of mode %d", t).isCloseTo(stds[t], within(0.05 * stds[t]));
        }
    }

    static Sample sample(long seed, double[] weights, double[] means, double[] stds, int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[n];
        int modes = weights.length;
        double[] w = new double[modes];
        double[] m = new double[modes];
        double[] s = new double[modes];
        int i = 0;
        for (int t = 0; t < modes; t++) {
            int count = t == modes - 1 ? n - i : (int) Math.round(weights[t] * n);
            int from = i;
            for (int c = 0; c < count; c++) {
                x[i++] = means[t] + stds[t] * gauss.sample();
            }
            w[t] = (double) count / n;
            m[t] = mean(x, from, i);
            double v = 0;
            for (int j = from; j < i; j++) {
                v += (x[j] - m[t]) * (x[j] - m[t]);
            }
            s[t] = Math.sqrt(v / count);
        }
        return new Sample(x, w, m, s);
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static List<Integer> kept(double[] w) {
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            if (w[k] > KEEP) {
                kept.add(k);
            }
        }
        return kept;
    }

    private static void assertSumsToOne(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        assertThat(s).isCloseTo(1, within(1e-12));
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double tol = relative * Math.max(1e-3, Math.abs(expected[i]));
            assertThat(actual[i]).as("[%d]", i).isCloseTo(expected[i], within(tol));
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }
}
