package dev.fleetsynth.engine.quality;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How close synthetic data is to the real data it imitates. The scores reproduce SDMetrics'
 * single-table QualityReport (Column Shapes and Column Pair Trends, definitions as SDMetrics
 * documents them) so that users can compare Fleetsynth's numbers with those of the SDV ecosystem;
 * on top come checks SDMetrics lacks and run-to-failure data needs: diagnostics, temporal
 * checks, and the utility of the data for RUL prediction.
 *
 * <p>{@link #columnPairTrends()} counts a pair of numeric columns only where the real data's |rho|
 * exceeds 0.5, as SDMetrics' QualityReport does (its {@code real_correlation_threshold}; our
 * {@code overall} equals its score to about 1e-15): sensor pairs unrelated in the real data score
 * near 1 whatever a synthesizer does and would drown the pairs that carry the degradation signal.
 * {@link #columnPairTrendsAllPairs()} counts every pair (the threshold at 0), and
 * {@link #overallAllPairs()} is the overall score so counted.
 *
 * @param overall                  mean of column shapes and (filtered) column pair trends
 * @param overallAllPairs          mean of column shapes and all-pairs column pair trends (the correlation threshold at 0)
 * @param columnShapes             mean of the column scores that are defined
 * @param columnPairTrends         mean of the pair scores with {@link PairScore#inFilteredScore()}; 1 if there is none
 * @param columnPairTrendsAllPairs mean of every defined pair score, as SDMetrics computes it; 1 if there is none
 * @param grade                    the verdict: {@code scoreGrade}, or failed when a check fails
 * @param scoreGrade               the grade of {@code overall} alone
 * @param seed                     seed of the regressors and samples; the same inputs and seed give the same report
 * @param columnScores             per shared column, in the real table's column order
 * @param pairScores               per pair of shared columns
 * @param metrics                  the results of {@link QualityMetric#ALL} that could be measured, by key
 *                                 ({@code temporal}, {@code utility}, {@code window_utility}, ...), each written at
 *                                 the top level of the JSON report
 * @param checks                   what the verdict needs, besides the score
 * @param notes                    what was left out or chosen, and why, in plain words
 */
@JsonPropertyOrder({
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
    "notes"
})
@Schema(
        description = "The scores, and one more property per quality metric (QualityMetric.ALL)",
        additionalProperties = Schema.True.class,
        requiredProperties = {
            "overall",
            "overall_all_pairs",
            "column_shapes",
            "column_pair_trends",
            "column_pair_trends_all_pairs",
            "grade",
            "score_grade",
            "thresholds",
            "seed",
            "real_rows",
            "synthetic_rows",
            "column_scores",
            "pair_scores",
            "diagnostics",
            "checks",
            "notes"
        })
public record QualityReport(
        // null in the written report where not a number (no column could be scored): JSON has no NaN
        @Schema(nullable = true) double overall,
        @Schema(nullable = true) double overallAllPairs,
        @Schema(nullable = true) double columnShapes,
        @Schema(nullable = true) double columnPairTrends,
        @Schema(nullable = true) double columnPairTrendsAllPairs,
        Grade grade,
        Grade scoreGrade,
        Thresholds thresholds,
        long seed,
        int realRows,
        int syntheticRows,
        List<ColumnScore> columnScores,
        List<PairScore> pairScores,
        Diagnostics diagnostics,
        @JsonIgnore Map<String, Object> metrics,
        List<QualityCheck> checks,
        List<String> notes) {

    /** Writes reports: snake case keys, a number that is not finite as null (JSON has no NaN). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule()
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(Double.TYPE, new FiniteDouble())
                    .addSerializer(double[].class, new FiniteDoubles()));

    public QualityReport {
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(scoreGrade, "scoreGrade");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(diagnostics, "diagnostics");
        columnScores = List.copyOf(columnScores);
        pairScores = List.copyOf(pairScores);
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    /** The verdict: failed when the score is below the minimum or any check fails, else the score's grade. */
    static Grade verdict(double overall, Thresholds thresholds, List<QualityCheck> checks) {
        return checks.stream().allMatch(QualityCheck::passed) ? thresholds.grade(overall) : Grade.FAILED;
    }

    /** Whether the data passed: the score reaches the minimum and every check passes. */
    @JsonProperty("passed")
    public boolean passed() {
        return grade != Grade.FAILED;
    }

    /** What to try, one line per failed check (or a low score); empty when the data passed. */
    @JsonProperty("advice")
    public List<String> advice() {
        List<String> out = new ArrayList<>();
        if (!thresholds.passes(overall)) {
            out.add(String.format(
                    Locale.ROOT,
                    "overall score %s is below the minimum %s: train longer or on more seed rows",
                    score(overall),
                    score(thresholds.minimum())));
        }
        checks.stream()
                .filter(c -> !c.passed())
                .forEach(c -> out.add(c.name() + ": " + c.detail() + "; " + c.advice()));
        return out;
    }

    /** Each measure's result at the top level of the JSON report, under its key. */
    @JsonAnyGetter
    Map<String, Object> metricsByKey() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (QualityMetric m : QualityMetric.ALL) {
            out.put(m.key(), metrics.get(m.key()));
        }
        return out;
    }

    /** Order within cycles, correlation signs and lag-1 autocorrelation; {@code null} unless both tables are histories. */
    public TemporalChecks temporal() {
        return (TemporalChecks) metrics.get("temporal");
    }

    /** Utility on rows; {@code null} unless both tables have RUL and a shared feature column. */
    public Utility utility() {
        return (Utility) metrics.get("utility");
    }

    /** Utility on windows; {@code null} unless both tables are histories. */
    public WindowUtility windowUtility() {
        return (WindowUtility) metrics.get("window_utility");
    }

    public Lifetimes lifetimes() {
        return (Lifetimes) metrics.get("lifetimes");
    }

    public TrendShape trendShape() {
        return (TrendShape) metrics.get("trend_shape");
    }

    public Discriminative discriminative() {
        return (Discriminative) metrics.get("discriminative");
    }

    /**
     * The full report for a machine: scores on the columns a model learns ({@code rul} and the
     * sensors; time and cycle are rebuilt on generation, so scoring them would say nothing about the
     * model), diagnostics, temporal checks and utility.
     *
     * @throws IllegalArgumentException if a table has no rows or the two share no sensor
     */
    public static QualityReport evaluate(SensorTable real, SensorTable synthetic, long seed) {
        return evaluate(real, synthetic, seed, Thresholds.DEFAULT);
    }

    public static QualityReport evaluate(SensorTable real, SensorTable synthetic, long seed, Thresholds thresholds) {
        return ofSensors(real, synthetic, synthetic, null, seed, thresholds);
    }

    /**
     * The full report, with the utility regressors scored on {@code unseen}: real rows of the same
     * machine that the synthesizer never saw (for a simulated seed, another draw of the simulator),
     * so that copying the real table cannot flatter the synthetic-trained model.
     */
    public static QualityReport evaluate(SensorTable real, SensorTable synthetic, SensorTable unseen, long seed) {
        return evaluate(real, synthetic, synthetic, Objects.requireNonNull(unseen, "unseen"), seed);
    }

    /**
     * The report of a dataset: every score on the whole {@code synthetic} table, while the
     * synthetic-trained utility regressor learns from {@code syntheticTrain} only (the dataset's
     * train split, as a user would train), tested on {@code unseen} real rows, or on held-out real
     * cycles when {@code unseen} is {@code null}.
     */
    public static QualityReport evaluate(
            SensorTable real, SensorTable synthetic, SensorTable syntheticTrain, SensorTable unseen, long seed) {
        return ofSensors(real, synthetic, syntheticTrain, unseen, seed, Thresholds.DEFAULT);
    }

    private static QualityReport ofSensors(
            SensorTable real,
            SensorTable synthetic,
            SensorTable syntheticTrain,
            SensorTable unseen,
            long seed,
            Thresholds thresholds) {
        return Evaluation.run(
                ColumnTable.learnable(real),
                ColumnTable.learnable(synthetic),
                Evaluation.Series.of(real),
                Evaluation.Series.of(synthetic),
                new Evaluation.UtilityData(
                        Evaluation.Series.of(syntheticTrain), unseen == null ? null : Evaluation.Series.of(unseen)),
                seed,
                thresholds);
    }

    /**
     * The report of a dataset made from any source (a simulator seed, a user's data): every score
     * on the learnt columns and RUL of the whole {@code synthetic} table; temporal checks on its
     * units and order; the synthetic-trained utility regressor learning from {@code syntheticTrain},
     * both regressors tested on {@code unseen} (held-out units), or on held-out real units when
     * {@code unseen} is {@code null}.
     */
    public static QualityReport evaluate(
            SourceTable real, SourceTable synthetic, SourceTable syntheticTrain, SourceTable unseen, long seed) {
        ColumnTable realColumns = real.learnable();
        ColumnTable syntheticColumns = synthetic.learnable();
        Evaluation.Series unseenSeries =
                unseen == null || unseen.rows() == 0 ? null : Evaluation.Series.of(unseen, unseen.learnable());
        return Evaluation.run(
                realColumns,
                syntheticColumns,
                Evaluation.Series.of(real, realColumns),
                Evaluation.Series.of(synthetic, syntheticColumns),
                new Evaluation.UtilityData(
                        Evaluation.Series.of(syntheticTrain, syntheticTrain.learnable()), unseenSeries),
                seed,
                Thresholds.DEFAULT);
    }

    /**
     * The report for any pair of tables (a CSV data set, say): scores and diagnostics on every
     * column; temporal checks when both have numeric {@code rul}, {@code cycle} and
     * {@code timestamp} columns, utility when both have {@code rul}.
     *
     * @throws IllegalArgumentException if a table has no rows or the two share no column of the same type
     */
    public static QualityReport evaluate(ColumnTable real, ColumnTable synthetic, long seed) {
        return evaluate(real, synthetic, seed, Thresholds.DEFAULT);
    }

    /**
     * The {@link #overall()} score alone, without the rest of the report: for a training that
     * asks after every few epochs whether its samples still come closer to the real rows.
     *
     * @throws IllegalArgumentException if the two share no column of the same type
     */
    public static double overallScore(ColumnTable real, ColumnTable synthetic) {
        return Evaluation.overall(real, synthetic);
    }

    public static QualityReport evaluate(ColumnTable real, ColumnTable synthetic, long seed, Thresholds thresholds) {
        return ofColumns(real, synthetic, null, seed, thresholds);
    }

    /**
     * As {@link #evaluate(ColumnTable, ColumnTable, long)}, with the utility regressors scored on
     * {@code unseen} real rows, which need a numeric {@code rul} column and the real table's feature columns.
     *
     * @throws IllegalArgumentException also if {@code unseen} has no numeric {@code rul} column
     */
    public static QualityReport evaluate(ColumnTable real, ColumnTable synthetic, ColumnTable unseen, long seed) {
        Evaluation.Series unseenSeries = Evaluation.Series.of(unseen);
        if (unseenSeries == null) {
            throw new IllegalArgumentException(
                    "the unseen table needs a numeric rul column to test the utility regressors on");
        }
        return ofColumns(real, synthetic, unseenSeries, seed, Thresholds.DEFAULT);
    }

    private static QualityReport ofColumns(
            ColumnTable real, ColumnTable synthetic, Evaluation.Series unseen, long seed, Thresholds thresholds) {
        Evaluation.Series syntheticSeries = Evaluation.Series.of(synthetic);
        return Evaluation.run(
                real,
                synthetic,
                Evaluation.Series.of(real),
                syntheticSeries,
                new Evaluation.UtilityData(syntheticSeries, unseen),
                seed,
                thresholds);
    }

    /** The same report with one more note. */
    public QualityReport withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new QualityReport(
                overall,
                overallAllPairs,
                columnShapes,
                columnPairTrends,
                columnPairTrendsAllPairs,
                grade,
                scoreGrade,
                thresholds,
                seed,
                realRows,
                syntheticRows,
                columnScores,
                pairScores,
                diagnostics,
                metrics,
                checks,
                more);
    }

    /** The shared columns with the lowest Column Shapes scores, worst first. */
    public List<ColumnScore> worstColumns(int count) {
        return columnScores.stream()
                .filter(s -> !Double.isNaN(s.score()))
                .sorted(Comparator.comparingDouble(ColumnScore::score))
                .limit(count)
                .toList();
    }

    /**
     * The report as JSON: keys in snake case and always in the same order; every measure's key is
     * present ({@code null} when not measured), and an undefined number is {@code null} because JSON
     * has no NaN.
     */
    public ObjectNode toJson() {
        return JSON.valueToTree(this);
    }

    /** A few lines for a terminal or a log: the scores, the verdict and what to look at first. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT, "Quality report: %d real rows, %d synthetic rows%n", realRows, syntheticRows));
        s.append(String.format(
                Locale.ROOT,
                "Verdict:            %s (%d of %d checks passed)%n",
                grade.label(),
                checks.stream().filter(QualityCheck::passed).count(),
                checks.size()));
        s.append(String.format(
                Locale.ROOT,
                "Overall score:      %s (%s; minimum %s)%n",
                score(overall),
                scoreGrade.label(),
                score(thresholds.minimum())));
        s.append(String.format(Locale.ROOT, "Column shapes:      %s%n", score(columnShapes)));
        s.append(String.format(
                Locale.ROOT,
                "Column pair trends: %s (numeric pairs with real |rho| > %s; all pairs %s, overall with all pairs %s)%n",
                score(columnPairTrends),
                Evaluation.PAIR_CORRELATION_THRESHOLD,
                score(columnPairTrendsAllPairs),
                score(overallAllPairs)));

        s.append("Diagnostics:        ")
                .append(
                        diagnostics.columnsPresent()
                                ? "columns present"
                                : "columns differ (missing " + diagnostics.missingColumns() + ", extra "
                                        + diagnostics.extraColumns() + ")")
                .append(", ")
                .append(diagnostics.typesMatch() ? "types match" : "types differ");
        diagnostics.boundaryAdherence().stream()
                .filter(b -> !Double.isNaN(b.score()))
                .min(Comparator.comparingDouble(Diagnostics.Boundary::score))
                .ifPresent(b -> s.append(", lowest boundary adherence ")
                        .append(score(b.score()))
                        .append(" (")
                        .append(b.column())
                        .append(')'));
        s.append(System.lineSeparator());

        TemporalChecks temporal = temporal();
        Utility utility = utility();
        s.append("Temporal checks:    ");
        if (temporal == null) {
            s.append("not run");
        } else {
            TemporalChecks.CycleCheck rul = temporal.rulNonIncreasing();
            TemporalChecks.CycleCheck ts = temporal.timestampsIncreasing();
            s.append(temporal.passed() ? "PASS" : "FAIL")
                    .append(String.format(
                            Locale.ROOT,
                            " - RUL non-increasing in %d/%d cycles, timestamps increasing in %d/%d cycles, "
                                    + "correlation sign with RUL kept for %d/%d sensors",
                            rul.cyclesPassed(),
                            rul.cycles(),
                            ts.cyclesPassed(),
                            ts.cycles(),
                            temporal.correlationSigns().stream()
                                    .filter(TemporalChecks.CorrelationSign::kept)
                                    .count(),
                            temporal.correlationSigns().size()));
            temporal.autocorrelations().stream()
                    .filter(a -> !Double.isNaN(a.difference()))
                    .max(Comparator.comparingDouble(a -> Math.abs(a.difference())))
                    .ifPresent(a -> s.append(String.format(
                            Locale.ROOT, ", largest lag-1 autocorrelation gap %.3f (%s)", a.difference(), a.sensor())));
        }
        s.append(System.lineSeparator());

        s.append("Utility:            ");
        if (utility == null) {
            s.append("not run");
        } else {
            s.append(String.format(
                    Locale.ROOT,
                    "RMSE synthetic-trained / real-trained = %.3f (%.2f vs %.2f on %d %s real rows)",
                    utility.ratio(),
                    utility.rmseSyntheticTrained(),
                    utility.rmseRealTrained(),
                    utility.testRows(),
                    utility.unseenTest() ? "unseen" : "held-out"));
        }
        s.append(System.lineSeparator());

        for (QualityCheck c : checks) {
            s.append(String.format(
                    Locale.ROOT, "Check %-20s %s - %s%n", c.name() + ":", c.passed() ? "PASS" : "FAIL", c.detail()));
        }
        for (String a : advice()) {
            s.append("Try: ").append(a).append(System.lineSeparator());
        }
        s.append("Worst columns:      ");
        List<ColumnScore> worst = worstColumns(3);
        for (int i = 0; i < worst.size(); i++) {
            s.append(i == 0 ? "" : ", ")
                    .append(worst.get(i).column())
                    .append(' ')
                    .append(score(worst.get(i).score()));
        }
        s.append(System.lineSeparator());
        if (!notes.isEmpty()) {
            s.append("Notes:").append(System.lineSeparator());
            for (String n : notes) {
                s.append("  - ").append(n).append(System.lineSeparator());
            }
        }
        return s.toString();
    }

    /** Three decimals, the form {@link #summary()} writes every score in. */
    static String score(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A double as JSON: null when it is not finite. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    }

    private static final class FiniteDoubles extends StdSerializer<double[]> {
        FiniteDoubles() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray();
            for (double d : v) {
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }
}
