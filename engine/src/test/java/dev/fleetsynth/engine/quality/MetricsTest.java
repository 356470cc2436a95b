package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every metric against values worked out by hand; the working is in the comments. */
class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void ksComplementOfShiftedSamples() {
        // F_real - F_syn at 2: 0.5 - 0 ; at 3: 0.75 - 0.25 ; at 4: 1 - 0.5 ; at 5 and 6 it shrinks. D = 0.5.
        assertThat(Metrics.ksStatistic(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}))
                .isCloseTo(0.5, within(EPS));
        assertThat(Metrics.ksComplement(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}))
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void ksComplementOfEqualDisjointAndTiedSamples() {
        assertThat(Metrics.ksComplement(new double[] {3, 1, 2}, new double[] {1, 2, 3}))
                .isCloseTo(1, within(EPS));
        // Every real value below every synthetic one: D = 1.
        assertThat(Metrics.ksComplement(new double[] {1, 2}, new double[] {3, 4}))
                .isCloseTo(0, within(EPS));
        // Ties: at 1, 2/3 - 1/3 = 1/3; at 2, 1 - 1 = 0. D = 1/3, complement 2/3.
        assertThat(Metrics.ksComplement(new double[] {1, 1, 2}, new double[] {1, 2, 2}))
                .isCloseTo(2.0 / 3, within(EPS));
        // Samples of different sizes: [1,2] vs [1,1,1,2]: at 1, 0.5 - 0.75 -> 0.25. D = 0.25.
        assertThat(Metrics.ksStatistic(new double[] {1, 2}, new double[] {1, 1, 1, 2}))
                .isCloseTo(0.25, within(EPS));
    }

    @Test
    void ksDropsNaNAndIsUndefinedForAnEmptySide() {
        assertThat(Metrics.ksComplement(new double[] {1, Double.NaN, 2, 3, 4}, new double[] {3, 4, 5, 6, Double.NaN}))
                .isCloseTo(0.5, within(EPS));
        assertThat(Metrics.ksComplement(new double[] {Double.NaN}, new double[] {1}))
                .isNaN();
    }

    @Test
    void tvComplementOfKnownFrequencyTables() {
        // real A 0.5, B 0.5; synthetic A 0.25, B 0.75: sum |diff| = 0.5, TVD = 0.25, complement 0.75.
        assertThat(Metrics.tvComplement(new String[] {"A", "A", "B", "B"}, new String[] {"A", "B", "B", "B"}))
                .isCloseTo(0.75, within(EPS));
        // A category only one side has: A 0.5/0.5, B 0.5/0, C 0/0.5: sum 1, complement 0.5.
        assertThat(Metrics.tvComplement(new String[] {"A", "B"}, new String[] {"A", "C"}))
                .isCloseTo(0.5, within(EPS));
        // Missing values are a category: A 0.5/1, missing 0.5/0: sum 1, complement 0.5.
        assertThat(Metrics.tvComplement(new String[] {"A", null}, new String[] {"A", "A"}))
                .isCloseTo(0.5, within(EPS));
        // Frequencies, not counts: 1 row against 3 rows of the same category is a perfect match.
        assertThat(Metrics.tvComplement(new String[] {"L"}, new String[] {"L", "L", "L"}))
                .isCloseTo(1, within(EPS));
    }

    @Test
    void pearsonOfKnownSeries() {
        assertThat(Metrics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}))
                .isCloseTo(1, within(EPS));
        assertThat(Metrics.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}))
                .isCloseTo(-1, within(EPS));
        // Deviations (-1.5,-.5,.5,1.5) and (-1.5,.5,-.5,1.5): sxy = 2.25-.25-.25+2.25 = 4, sxx = syy = 5: rho 0.8.
        assertThat(Metrics.pearson(new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}))
                .isCloseTo(0.8, within(EPS));
        // A row with NaN on either side is dropped, leaving the series above.
        assertThat(Metrics.pearson(new double[] {1, 2, 9, 3, 4}, new double[] {1, 3, Double.NaN, 2, 4}))
                .isCloseTo(0.8, within(EPS));
        assertThat(Metrics.pearson(new double[] {1, 2, 3}, new double[] {5, 5, 5}))
                .isNaN();
    }

    @Test
    void correlationSimilarityOfKnownCoefficients() {
        // 1 - |0.8 - 0.2| / 2 = 0.7
        assertThat(Metrics.correlationSimilarity(0.8, 0.2)).isCloseTo(0.7, within(EPS));
        assertThat(Metrics.correlationSimilarity(0.5, 0.5)).isCloseTo(1, within(EPS));
        assertThat(Metrics.correlationSimilarity(1, -1)).isCloseTo(0, within(EPS));
        // 1 - |-0.6 - 0.3| / 2 = 0.55
        assertThat(Metrics.correlationSimilarity(-0.6, 0.3)).isCloseTo(0.55, within(EPS));
    }

    @Test
    void contingencySimilarityOfKnownJointTables() {
        // real: (x,p) (x,q) (y,p) (y,q) 0.25 each; synthetic: (x,p) 0.5, (x,q) 0.25, (y,q) 0.25, (y,p) 0.
        // |diff| = 0.25 + 0 + 0.25 + 0 = 0.5, halved 0.25, similarity 0.75.
        double s = Metrics.contingencySimilarity(
                new String[] {"x", "x", "y", "y"}, new String[] {"p", "q", "p", "q"},
                new String[] {"x", "x", "x", "y"}, new String[] {"p", "p", "q", "q"});
        assertThat(s).isCloseTo(0.75, within(EPS));
        // Same marginals, opposite association: real (x,p),(y,q); synthetic (x,q),(y,p): nothing in common.
        assertThat(Metrics.contingencySimilarity(
                        new String[] {"x", "y"}, new String[] {"p", "q"}, new String[] {"x", "y"}, new String[] {
                            "q", "p"
                        }))
                .isCloseTo(0, within(EPS));
    }

    @Test
    void binEdgesAndDiscretizeFollowNumpyAndPandas() {
        // Ten equal-width bins over the real range 0..10.
        double[] edges = Metrics.binEdges(new double[] {0, 3, 10, Double.NaN}, 10);
        assertThat(edges).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // Right-closed bins, the first also closed on the left; outside the range or NaN -> MISSING.
        int[] codes = Metrics.discretize(new double[] {0, 0.5, 1, 1.0001, 9.99, 10, 10.5, -1, Double.NaN}, edges);
        assertThat(codes).containsExactly(0, 0, 0, 1, 9, 9, Metrics.MISSING, Metrics.MISSING, Metrics.MISSING);
        // A constant column gets value +- 0.5 as its range, as numpy does.
        double[] constant = Metrics.binEdges(new double[] {5, 5}, 10);
        assertThat(constant[0]).isEqualTo(4.5);
        assertThat(constant[10]).isEqualTo(5.5);
        assertThat(Metrics.discretize(new double[] {5}, constant)).containsExactly(4);
    }

    @Test
    void contingencyWithABinnedNumericColumn() {
        // real numbers 0..10 -> edges 0,1,..,10. real: (bin0,a) (bin9,b); synthetic: (bin0,a) (outside,b).
        // Joint: (0,a) 0.5/0.5, (9,b) 0.5/0, (MISSING,b) 0/0.5 -> sum 1, similarity 0.5.
        double[] edges = Metrics.binEdges(new double[] {0, 10}, Metrics.CONTINGENCY_BINS);
        int[] real = Metrics.discretize(new double[] {0, 10}, edges);
        int[] syn = Metrics.discretize(new double[] {0.5, 12}, edges);
        assertThat(Metrics.contingencySimilarity(real, new int[] {0, 1}, syn, new int[] {0, 1}))
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void boundaryAdherenceCountsValuesInsideTheRealRange() {
        // real range 0..10; synthetic -1 (out), 0 (in), 5 (in), 10 (in), 11 (out), NaN (ignored): 3 of 5.
        assertThat(Metrics.boundaryAdherence(
                        new double[] {0, 10, 4, Double.NaN}, new double[] {-1, 0, 5, 10, 11, Double.NaN}))
                .isCloseTo(0.6, within(EPS));
        assertThat(Metrics.boundaryAdherence(new double[] {1, 2}, new double[] {1.5}))
                .isCloseTo(1, within(EPS));
        assertThat(Metrics.boundaryAdherence(new double[] {Double.NaN}, new double[] {1}))
                .isNaN();
    }

    @Test
    void lag1AutocorrelationOfKnownSeries() {
        // 1..5: mean 3, deviations -2,-1,0,1,2; sum of lagged products (-2)(-1)+(-1)0+0(1)+1(2) = 4; sum of squares 10.
        assertThat(Metrics.lag1Autocorrelation(new double[] {1, 2, 3, 4, 5})).isCloseTo(0.4, within(EPS));
        // Alternating: mean 0, products -1 three times, squares 4: -0.75.
        assertThat(Metrics.lag1Autocorrelation(new double[] {1, -1, 1, -1})).isCloseTo(-0.75, within(EPS));
        assertThat(Metrics.lag1Autocorrelation(new double[] {2, 2, 2})).isNaN();
    }

    @Test
    void lag1AutocorrelationStaysWithinCycles() {
        // Two cycles 1,2,3,4 and 4,3,2,1, each centred on 2.5: deviations -1.5,-.5,.5,1.5 (and reversed);
        // lagged products .75-.25+.75 = 1.25 per cycle, squares 5 per cycle: 2.5 / 10 = 0.25.
        double[] x = {1, 2, 3, 4, 4, 3, 2, 1};
        assertThat(Metrics.lag1Autocorrelation(x, new int[][] {{0, 1, 2, 3}, {4, 5, 6, 7}}))
                .isCloseTo(0.25, within(EPS));
        // As one series (mean 2.5) the pair across the boundary (4,4) counts: 4.75 / 10 = 0.475.
        assertThat(Metrics.lag1Autocorrelation(x)).isCloseTo(0.475, within(EPS));
    }
}
