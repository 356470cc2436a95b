package dev.fleetsynth.engine.quality;

import static dev.fleetsynth.engine.quality.Tables.cat;
import static dev.fleetsynth.engine.quality.Tables.num;
import static dev.fleetsynth.engine.quality.Tables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityReportTest {
    private static final double EPS = 1e-12;

    /**
     * real a = 1,2,3,4 and b = 1,3,2,4 (rho 0.8); synthetic a = 3,4,5,6 and b = 2,4,6,8 (rho 1).
     * KS(a) = 0.5 (see MetricsTest); KS(b): at 3, 0.75 - 0.25 = 0.5 is the largest gap, so 0.5.
     * Shapes (0.5 + 0.5) / 2 = 0.5; pair 1 - |0.8 - 1| / 2 = 0.9 and |0.8| > 0.5 so it counts;
     * overall (0.5 + 0.9) / 2 = 0.7: poor, failed.
     */
    @Test
    void scoresOfATinyTableByHand() {
        ColumnTable real = table(num("a", 1, 2, 3, 4), num("b", 1, 3, 2, 4));
        ColumnTable syn = table(num("a", 3, 4, 5, 6), num("b", 2, 4, 6, 8));
        QualityReport r = QualityReport.evaluate(real, syn, 1);
        assertThat(r.columnScores()).extracting(ColumnScore::score).containsExactly(0.5, 0.5);
        assertThat(r.columnScores()).extracting(ColumnScore::metric).containsOnly("KSComplement");
        assertThat(r.columnShapes()).isCloseTo(0.5, within(EPS));
        assertThat(r.pairScores()).singleElement().satisfies(p -> {
            assertThat(p.metric()).isEqualTo("CorrelationSimilarity");
            assertThat(p.realCorrelation()).isCloseTo(0.8, within(EPS));
            assertThat(p.syntheticCorrelation()).isCloseTo(1, within(EPS));
            assertThat(p.score()).isCloseTo(0.9, within(EPS));
            assertThat(p.inFilteredScore()).isTrue();
        });
        assertThat(r.columnPairTrends()).isCloseTo(0.9, within(EPS));
        assertThat(r.columnPairTrendsAllPairs()).isCloseTo(0.9, within(EPS));
        assertThat(r.overall()).isCloseTo(0.7, within(EPS));
        assertThat(r.grade()).isEqualTo(Grade.FAILED);
        assertThat(r.passed()).isFalse();
        assertThat(r.temporal()).isNull();
        assertThat(r.utility()).isNull();
        // Synthetic a reaches 5 and 6 beyond the real 1..4: 2 of 4 inside. b: 6 and 8 beyond 1..4: 2 of 4.
        assertThat(r.diagnostics().boundaryAdherence())
                .extracting(Diagnostics.Boundary::score)
                .containsExactly(0.5, 0.5);
        assertThat(r.diagnostics().columnsPresent()).isTrue();
        assertThat(r.diagnostics().typesMatch()).isTrue();
    }

    /**
     * real a = 1,2,3,4 and b = 2,1,4,3: deviations -1.5,-.5,.5,1.5 and -.5,-1.5,1.5,.5, sxy = 4 x 0.75 = 3,
     * sxx = syy = 5, rho 0.6. c = 1,4,4,1 is uncorrelated with both (deviations -1.5,1.5,1.5,-1.5 give
     * sums of products 0). Only the pair (a,b) has |rho| > 0.5. Synthetic columns are all 1,2,3,4: rho 1.
     */
    @Test
    void pairTrendsCountOnlyStronglyCorrelatedNumericPairsButAllPairsToo() {
        ColumnTable real = table(num("a", 1, 2, 3, 4), num("b", 2, 1, 4, 3), num("c", 1, 4, 4, 1));
        ColumnTable syn = table(num("a", 1, 2, 3, 4), num("b", 1, 2, 3, 4), num("c", 1, 2, 3, 4));
        QualityReport r = QualityReport.evaluate(real, syn, 1);
        // (a,b): 1 - |0.6 - 1|/2 = 0.8, counted. (a,c): 1 - |0 - 1|/2 = 0.5. (b,c): real rho 0
        // (deviations of b -.5,-1.5,1.5,.5 times c -1.5,1.5,1.5,-1.5: .75-2.25+2.25-.75 = 0) -> 0.5.
        assertThat(r.pairScores()).extracting(PairScore::score).containsExactly(0.8, 0.5, 0.5);
        assertThat(r.pairScores()).extracting(PairScore::inFilteredScore).containsExactly(true, false, false);
        assertThat(r.columnPairTrends()).isCloseTo(0.8, within(EPS));
        assertThat(r.columnPairTrendsAllPairs()).isCloseTo(0.6, within(EPS));
        assertThat(r.overallAllPairs()).isCloseTo((r.columnShapes() + 0.6) / 2, within(EPS));
    }

    @Test
    void noQualifyingPairScoresOneWithANote() {
        ColumnTable real = table(num("a", 1, 2, 3, 4), num("c", 1, 4, 4, 1));
        ColumnTable syn = table(num("a", 1, 2, 3, 4), num("c", 1, 2, 3, 4));
        QualityReport r = QualityReport.evaluate(real, syn, 1);
        assertThat(r.columnPairTrends()).isEqualTo(1);
        assertThat(r.columnPairTrendsAllPairs()).isCloseTo(0.5, within(EPS));
        assertThat(r.notes()).anyMatch(n -> n.contains("no column pair qualifies"));
        // A single column has no pair at all.
        QualityReport single = QualityReport.evaluate(table(num("a", 1, 2)), table(num("a", 1, 2)), 1);
        assertThat(single.columnPairTrends()).isEqualTo(1);
        assertThat(single.overall()).isEqualTo(1);
        assertThat(single.grade()).isEqualTo(Grade.EXCELLENT);
    }

    /**
     * Categorical t and numeric x: real x = 0 and 10 (bins 0..10 in steps of 1), t = L, H.
     * Shapes: TV(t) real L .5 H .5, synthetic L 1 -> 0.5 ; KS(x) real 0,10 vs 0,20: at 0 both .5, at 10 1 vs .5 -> 0.5.
     * Pair: real (bin0,L) (bin9,H); synthetic (bin0,L) (outside,L): (0,L) .5/.5, (9,H) .5/0, (out,L) 0/.5 -> 0.5.
     */
    @Test
    void categoricalAndMixedPairsUseTvAndContingency() {
        ColumnTable real = table(cat("t", "L", "H"), num("x", 0, 10));
        ColumnTable syn = table(cat("t", "L", "L"), num("x", 0, 20));
        QualityReport r = QualityReport.evaluate(real, syn, 1);
        assertThat(r.columnScores()).extracting(ColumnScore::metric).containsExactly("TVComplement", "KSComplement");
        assertThat(r.columnScores()).extracting(ColumnScore::score).containsExactly(0.5, 0.5);
        assertThat(r.pairScores()).singleElement().satisfies(p -> {
            assertThat(p.metric()).isEqualTo("ContingencySimilarity");
            assertThat(p.score()).isCloseTo(0.5, within(EPS));
            assertThat(p.inFilteredScore()).isTrue();
            assertThat(p.realCorrelation()).isNaN();
        });
    }

    @Test
    void diagnosticsFindMissingExtraAndRetypedColumns() {
        ColumnTable real = table(num("a", 1, 2), num("b", 1, 2), num("c", 1, 2));
        ColumnTable syn = table(num("a", 1, 2), cat("b", "x", "y"), num("d", 1, 2));
        QualityReport r = QualityReport.evaluate(real, syn, 1);
        assertThat(r.diagnostics().columnsPresent()).isFalse();
        assertThat(r.diagnostics().missingColumns()).containsExactly("c");
        assertThat(r.diagnostics().extraColumns()).containsExactly("d");
        assertThat(r.diagnostics().typesMatch()).isFalse();
        assertThat(r.diagnostics().typeMismatches())
                .containsExactly(new Diagnostics.TypeMismatch("b", "numerical", "categorical"));
        assertThat(r.columnScores()).extracting(ColumnScore::column).containsExactly("a");
        assertThatThrownBy(() -> QualityReport.evaluate(table(num("a", 1)), table(num("z", 1)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantColumnLeavesItsPairOutWithANote() {
        ColumnTable real = table(num("a", 1, 2, 3), num("k", 5, 5, 5));
        QualityReport r = QualityReport.evaluate(real, real, 1);
        assertThat(r.pairScores())
                .singleElement()
                .satisfies(p -> assertThat(p.score()).isNaN());
        assertThat(r.columnPairTrendsAllPairs()).isEqualTo(1);
        assertThat(r.notes()).anyMatch(n -> n.contains("a/k"));
        assertThat(r.toJson().get("pair_scores").get(0).get("score").isNull()).isTrue();
    }

    /** Three cycles of three rows; in cycle 2 RUL goes up once, in cycle 3 two rows share a timestamp. */
    @Test
    void temporalChecksCatchRulGoingUpAndTimestampsStalling() {
        int[] cycle = {1, 1, 1, 2, 2, 2, 3, 3, 3};
        long[] ts = {0, 1, 2, 10, 11, 12, 20, 21, 21};
        double[] rul = {2, 1, 0, 2, 3, 0, 2, 1, 0};
        double[] s = {0, 1, 2, 0, 1, 2, 0, 1, 2};
        SensorTable real = new SensorTable(
                "m",
                new long[] {0, 1, 2, 10, 11, 12, 20, 21, 22},
                cycle,
                new double[] {2, 1, 0, 2, 1, 0, 2, 1, 0},
                List.of("s"),
                List.of(new double[] {0, 1, 2, 0, 1, 2, 0, 1, 2}));
        SensorTable syn = new SensorTable("m", ts, cycle, rul, List.of("s"), List.of(s));
        TemporalChecks t = QualityReport.evaluate(real, syn, 1).temporal();
        assertThat(t.rulNonIncreasing()).isEqualTo(new TemporalChecks.CycleCheck(3, 2, 2.0 / 3, false));
        assertThat(t.timestampsIncreasing()).isEqualTo(new TemporalChecks.CycleCheck(3, 2, 2.0 / 3, false));
        assertThat(t.passed()).isFalse();

        TemporalChecks ok = QualityReport.evaluate(real, real, 1).temporal();
        assertThat(ok.rulNonIncreasing().passed()).isTrue();
        assertThat(ok.timestampsIncreasing().passed()).isTrue();
        assertThat(ok.passed()).isTrue();
        assertThat(ok.rulNonIncreasing().fractionPassed()).isEqualTo(1);
    }

    /**
     * Sensor s falls as RUL falls in the real data (rho +1) but rises in the synthetic (rho -1).
     * Lag-1 autocorrelation within each cycle of 0,1,2: deviations -1,0,1, products 0, squares 2: 0 (both).
     */
    @Test
    void temporalChecksCompareCorrelationSignsAndAutocorrelation() {
        int[] cycle = {1, 1, 1, 2, 2, 2};
        long[] ts = {0, 1, 2, 3, 4, 5};
        double[] rul = {2, 1, 0, 2, 1, 0};
        SensorTable real = new SensorTable("m", ts, cycle, rul, List.of("s"), List.of(new double[] {2, 1, 0, 2, 1, 0}));
        SensorTable syn = new SensorTable("m", ts, cycle, rul, List.of("s"), List.of(new double[] {0, 1, 2, 0, 1, 2}));
        TemporalChecks t = QualityReport.evaluate(real, syn, 1).temporal();
        assertThat(t.correlationSigns()).singleElement().satisfies(c -> {
            assertThat(c.realCorrelation()).isCloseTo(1, within(EPS));
            assertThat(c.syntheticCorrelation()).isCloseTo(-1, within(EPS));
            assertThat(c.kept()).isFalse();
        });
        assertThat(t.signsKeptFraction()).isZero();
        assertThat(t.autocorrelations()).singleElement().satisfies(a -> {
            assertThat(a.real()).isCloseTo(0, within(EPS));
            assertThat(a.synthetic()).isCloseTo(0, within(EPS));
            assertThat(a.difference()).isCloseTo(0, within(EPS));
        });
        assertThat(t.passed()).isTrue();
    }

    @Test
    void columnTablesWithRulCycleAndTimestampGetTemporalChecksAndUtility() {
        SensorTable seed = Tables.seed(2_000, 5);
        ColumnTable t = withTimeColumns(seed);
        QualityReport r = QualityReport.evaluate(t, t, 5);
        assertThat(r.temporal()).isNotNull();
        assertThat(r.temporal().passed()).isTrue();
        assertThat(r.utility()).isNotNull();
        // Scores on every column given, the time columns included.
        assertThat(r.columnScores()).extracting(ColumnScore::column).contains("timestamp", "cycle", "rul");
        assertThat(r.overall()).isCloseTo(1, within(EPS));
    }

    @Test
    void jsonHasEveryKeyInAStableOrder() {
        SensorTable seed = Tables.firstSensors(Tables.seed(2_000, 3), 3);
        QualityReport r = QualityReport.evaluate(seed, Tables.firstSensors(Tables.seed(2_000, 4), 3), 3);
        ObjectNode json = r.toJson();
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "overall",
                        "overall_all_pairs",
                        "column_shapes",
                        "column_pair_trends",
                        "column_pair_trends_all_pairs",
                        "grade",
                        "passed",
                        "score_grade",
                        "thresholds",
                        "seed",
                        "real_rows",
                        "synthetic_rows",
                        "checks",
                        "advice",
                        "column_scores",
                        "pair_scores",
                        "diagnostics",
                        "notes",
                        "temporal",
                        "utility",
                        "window_utility",
                        "lifetimes",
                        "trend_shape",
                        "discriminative");
        assertThat(json.get("overall").asDouble()).isEqualTo(r.overall());
        assertThat(json.get("grade").asText()).isEqualTo(r.grade().label());
        assertThat(json.get("column_scores")).hasSize(4);
        assertThat(json.get("pair_scores")).hasSize(6);
        JsonNode pair = json.get("pair_scores").get(0);
        assertThat(fields(pair))
                .containsExactly(
                        "column_1",
                        "column_2",
                        "metric",
                        "score",
                        "real_correlation",
                        "synthetic_correlation",
                        "in_filtered_score");
        assertThat(fields(json.get("diagnostics")))
                .containsExactly(
                        "columns_present",
                        "missing_columns",
                        "extra_columns",
                        "types_match",
                        "type_mismatches",
                        "boundary_adherence");
        assertThat(fields(json.get("temporal")))
                .containsExactly(
                        "passed",
                        "rul_non_increasing",
                        "timestamps_increasing",
                        "signs_kept_fraction",
                        "correlation_signs",
                        "lag1_autocorrelation");
        assertThat(fields(json.get("temporal").get("rul_non_increasing")))
                .containsExactly("cycles", "cycles_passed", "fraction_passed", "passed");
        assertThat(fields(json.get("utility")))
                .containsExactly(
                        "regressor",
                        "split",
                        "unseen_test",
                        "train_rows_real",
                        "train_rows_synthetic",
                        "test_rows",
                        "rmse_real_trained",
                        "rmse_synthetic_trained",
                        "ratio",
                        "rmse_mean_baseline",
                        "learnable");
        assertThat(json.get("utility").get("ratio").asDouble())
                .isEqualTo(r.utility().ratio());
        assertThat(json.get("utility").get("rmse_mean_baseline").asDouble())
                .isEqualTo(r.utility().rmseMeanBaseline());
        assertThat(json.get("utility").get("learnable").asBoolean())
                .isEqualTo(r.utility().rmseRealTrained() < r.utility().rmseMeanBaseline());
        // Without time columns the keys stay, with null.
        ObjectNode plain = QualityReport.evaluate(table(num("a", 1, 2)), table(num("a", 1, 3)), 1)
                .toJson();
        assertThat(plain.get("temporal").isNull()).isTrue();
        assertThat(plain.get("utility").isNull()).isTrue();
    }

    @Test
    void summaryNamesTheScoresAndTheWorstColumns() {
        SensorTable real = Tables.firstSensors(Tables.seed(2_000, 3), 3);
        QualityReport r = QualityReport.evaluate(real, Tables.shuffledNoise(real, 9), 3);
        String s = r.summary();
        assertThat(s)
                .contains(
                        "Overall score:",
                        QualityReport.score(r.overall()),
                        r.grade().label());
        assertThat(s).contains("Column shapes:", QualityReport.score(r.columnShapes()));
        assertThat(s).contains("Column pair trends:", QualityReport.score(r.columnPairTrends()));
        assertThat(s)
                .contains(
                        "Temporal checks:    FAIL",
                        "Utility:",
                        String.format(java.util.Locale.ROOT, "%.3f", r.utility().ratio()));
        assertThat(s).contains("Worst columns:", r.worstColumns(3).get(0).column());
        assertThat(r.worstColumns(3)).hasSize(3);
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static ColumnTable withTimeColumns(SensorTable t) {
        double[] ts = new double[t.rows()];
        double[] cycle = new double[t.rows()];
        for (int i = 0; i < t.rows(); i++) {
            ts[i] = t.timestampMicros()[i];
            cycle[i] = t.cycle()[i];
        }
        List<dev.fleetsynth.engine.table.Column> columns = new ArrayList<>();
        columns.add(num("timestamp", ts));
        columns.add(num("cycle", cycle));
        columns.addAll(ColumnTable.learnable(t).columns());
        return new ColumnTable(columns);
    }
}
