package dev.fleetsynth.engine.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How close synthetic data is to the real data it imitates. The scores reproduce SDMetrics'
 * single-table QualityReport (Column Shapes and Column Pair Trends, definitions as SDMetrics
 * documents them) so that users can compare Fleetsynth's numbers with those of the SDV ecosystem;
 * on top come checks SDMetrics lacks and run-to-failure data needs: diagnostics, temporal
 * checks, and the utility of the data for RUL prediction.
 *
 * <p>One deliberate difference: {@link #columnPairTrends()} counts a pair of numeric columns only
 * where the real data's |rho| exceeds 0.5. That is Fleetsynth's choice (sensor pairs unrelated in
 * the real data score near 1 whatever a synthesizer does and would drown the pairs that carry the
 * degradation signal), not SDMetrics'. SDMetrics counts every pair; that score is
 * {@link #columnPairTrendsAllPairs()}, and {@link #overallAllPairs()} is SDMetrics' overall score.
 *
 * @param overall                  mean of column shapes and (filtered) column pair trends
 * @param overallAllPairs          mean of column shapes and all-pairs column pair trends: SDMetrics' overall score
 * @param columnShapes             mean of the column scores that are defined
 * @param columnPairTrends         mean of the pair scores with {@link PairScore#inFilteredScore()}; 1 if there is none
 * @param columnPairTrendsAllPairs mean of every defined pair score, as SDMetrics computes it; 1 if there is none
 * @param grade                    of {@code overall}
 * @param passed                   {@code overall} reaches {@link Thresholds#minimum()}
 * @param seed                     seed of the utility regressors; the same inputs and seed give the same report
 * @param columnScores             per shared column, in the real table's column order
 * @param pairScores               per pair of shared columns
 * @param temporal                 {@code null} unless both tables have rul, cycle and timestamp
 * @param utility                  {@code null} unless both tables have rul and a shared feature column
 * @param notes                    what was left out or chosen, and why, in plain words
 */
public record QualityReport(
        double overall,
        double overallAllPairs,
        double columnShapes,
        double columnPairTrends,
        double columnPairTrendsAllPairs,
        Grade grade,
        boolean passed,
        Thresholds thresholds,
        long seed,
        int realRows,
        int syntheticRows,
        List<ColumnScore> columnScores,
        List<PairScore> pairScores,
        Diagnostics diagnostics,
        TemporalChecks temporal,
        Utility utility,
        List<String> notes) {

    public QualityReport {
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(diagnostics, "diagnostics");
        columnScores = List.copyOf(columnScores);
        pairScores = List.copyOf(pairScores);
        notes = List.copyOf(notes);
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
    public static QualityReport evaluate(SensorTable real, SensorTable synthetic, SensorTable syntheticTrain, SensorTable unseen,
                                         long seed) {
        return ofSensors(real, synthetic, syntheticTrain, unseen, seed, Thresholds.DEFAULT);
    }

    private static QualityReport ofSensors(SensorTable real, SensorTable synthetic, SensorTable syntheticTrain, SensorTable unseen,
                                           long seed, Thresholds thresholds) {
        return Evaluation.run(ColumnTable.learnable(real), ColumnTable.learnable(synthetic), Evaluation.Series.of(real),
                Evaluation.Series.of(synthetic), new Evaluation.UtilityData(Evaluation.Series.of(syntheticTrain),
                        unseen == null ? null : Evaluation.Series.of(unseen)), seed, thresholds);
    }

    /**
     * The report of a dataset made from any source (a simulator seed, a user's data): every score
     * on the learnt columns and RUL of the whole {@code synthetic} table; temporal checks on its
     * units and order; the synthetic-trained utility regressor learning from {@code syntheticTrain},
     * both regressors tested on {@code unseen} (held-out units), or on held-out real units when
     * {@code unseen} is {@code null}.
     */
    public static QualityReport evaluate(SourceTable real, SourceTable synthetic, SourceTable syntheticTrain, SourceTable unseen,
                                         long seed) {
        ColumnTable realColumns = real.learnable();
        ColumnTable syntheticColumns = synthetic.learnable();
        Evaluation.Series unseenSeries = unseen == null || unseen.rows() == 0 ? null : Evaluation.Series.of(unseen, unseen.learnable());
        return Evaluation.run(realColumns, syntheticColumns, Evaluation.Series.of(real, realColumns),
                Evaluation.Series.of(synthetic, syntheticColumns), new Evaluation.UtilityData(
                        Evaluation.Series.of(syntheticTrain, syntheticTrain.learnable()), unseenSeries), seed, Thresholds.DEFAULT);
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
            throw new IllegalArgumentException("the unseen table needs a numeric rul column to test the utility regressors on");
        }
        return ofColumns(real, synthetic, unseenSeries, seed, Thresholds.DEFAULT);
    }

    private static QualityReport ofColumns(ColumnTable real, ColumnTable synthetic, Evaluation.Series unseen, long seed,
                                           Thresholds thresholds) {
        Evaluation.Series syntheticSeries = Evaluation.Series.of(synthetic);
        return Evaluation.run(real, synthetic, Evaluation.Series.of(real), syntheticSeries,
                new Evaluation.UtilityData(syntheticSeries, unseen), seed, thresholds);
    }

    /** The same report with one more note. */
    public QualityReport withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new QualityReport(overall, overallAllPairs, columnShapes, columnPairTrends, columnPairTrendsAllPairs, grade, passed,
                thresholds, seed, realRows, syntheticRows, columnScores, pairScores, diagnostics, temporal, utility, more);
    }

    /** The shared columns with the lowest Column Shapes scores, worst first. */
    public List<ColumnScore> worstColumns(int count) {
        return columnScores.stream().filter(s -> !Double.isNaN(s.score()))
                .sorted(Comparator.comparingDouble(ColumnScore::score)).limit(count).toList();
    }

    /**
     * The report as JSON, keys in snake case and always in the same order; every key is always
     * present ({@code temporal} and {@code utility} are {@code null} when not computed), and an
     * undefined number is {@code null} because JSON has no NaN.
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        number(root, "overall", overall);
        number(root, "overall_all_pairs", overallAllPairs);
        number(root, "column_shapes", columnShapes);
        number(root, "column_pair_trends", columnPairTrends);
        number(root, "column_pair_trends_all_pairs", columnPairTrendsAllPairs);
        root.put("grade", grade.label());
        root.put("passed", passed);
        ObjectNode t = root.putObject("thresholds");
        t.put("minimum", thresholds.minimum());
        t.put("good", thresholds.good());
        t.put("excellent", thresholds.excellent());
        root.put("seed", seed);
        root.put("real_rows", realRows);
        root.put("synthetic_rows", syntheticRows);

        ArrayNode columns = root.putArray("column_scores");
        for (ColumnScore s : columnScores) {
            ObjectNode o = columns.addObject();
            o.put("column", s.column());
            o.put("metric", s.metric());
            number(o, "score", s.score());
        }
        ArrayNode pairs = root.putArray("pair_scores");
        for (PairScore p : pairScores) {
            ObjectNode o = pairs.addObject();
            o.put("column_1", p.column1());
            o.put("column_2", p.column2());
            o.put("metric", p.metric());
            number(o, "score", p.score());
            number(o, "real_correlation", p.realCorrelation());
            number(o, "synthetic_correlation", p.syntheticCorrelation());
            o.put("in_filtered_score", p.inFilteredScore());
        }

        ObjectNode d = root.putObject("diagnostics");
        d.put("columns_present", diagnostics.columnsPresent());
        diagnostics.missingColumns().forEach(d.putArray("missing_columns")::add);
        diagnostics.extraColumns().forEach(d.putArray("extra_columns")::add);
        d.put("types_match", diagnostics.typesMatch());
        ArrayNode mismatches = d.putArray("type_mismatches");
        for (Diagnostics.TypeMismatch m : diagnostics.typeMismatches()) {
            ObjectNode o = mismatches.addObject();
            o.put("column", m.column());
            o.put("real_type", m.realType());
            o.put("synthetic_type", m.syntheticType());
        }
        ArrayNode bounds = d.putArray("boundary_adherence");
        for (Diagnostics.Boundary b : diagnostics.boundaryAdherence()) {
            ObjectNode o = bounds.addObject();
            o.put("column", b.column());
            number(o, "real_min", b.realMin());
            number(o, "real_max", b.realMax());
            number(o, "score", b.score());
        }

        if (temporal == null) {
            root.putNull("temporal");
        } else {
            ObjectNode o = root.putObject("temporal");
            o.put("passed", temporal.passed());
            cycleCheck(o.putObject("rul_non_increasing"), temporal.rulNonIncreasing());
            cycleCheck(o.putObject("timestamps_increasing"), temporal.timestampsIncreasing());
            number(o, "signs_kept_fraction", temporal.signsKeptFraction());
            ArrayNode signs = o.putArray("correlation_signs");
            for (TemporalChecks.CorrelationSign s : temporal.correlationSigns()) {
                ObjectNode e = signs.addObject();
                e.put("sensor", s.sensor());
                number(e, "real_correlation", s.realCorrelation());
                number(e, "synthetic_correlation", s.syntheticCorrelation());
                e.put("kept", s.kept());
            }
            ArrayNode acs = o.putArray("lag1_autocorrelation");
            for (TemporalChecks.Autocorrelation a : temporal.autocorrelations()) {
                ObjectNode e = acs.addObject();
                e.put("sensor", a.sensor());
                number(e, "real", a.real());
                number(e, "synthetic", a.synthetic());
                number(e, "difference", a.difference());
            }
        }

        if (utility == null) {
            root.putNull("utility");
        } else {
            ObjectNode o = root.putObject("utility");
            o.put("regressor", utility.regressor());
            o.put("split", utility.split());
            o.put("unseen_test", utility.unseenTest());
            o.put("train_rows_real", utility.trainRowsReal());
            o.put("train_rows_synthetic", utility.trainRowsSynthetic());
            o.put("test_rows", utility.testRows());
            number(o, "rmse_real_trained", utility.rmseRealTrained());
            number(o, "rmse_synthetic_trained", utility.rmseSyntheticTrained());
            number(o, "ratio", utility.ratio());
            number(o, "rmse_mean_baseline", utility.rmseMeanBaseline());
            o.put("learnable", utility.learnable());
        }
        notes.forEach(root.putArray("notes")::add);
        return root;
    }

    /** A few lines for a terminal or a log: the scores, the verdict and what to look at first. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Quality report: %d real rows, %d synthetic rows%n", realRows, syntheticRows));
        s.append(String.format(Locale.ROOT, "Overall score:      %s (%s, %s; minimum %s)%n", score(overall), grade.label(),
                passed ? "passed" : "failed", score(thresholds.minimum())));
        s.append(String.format(Locale.ROOT, "Column shapes:      %s%n", score(columnShapes)));
        s.append(String.format(Locale.ROOT, "Column pair trends: %s (numeric pairs with real |rho| > %s; all pairs %s, overall with all pairs %s)%n",
                score(columnPairTrends), Evaluation.PAIR_CORRELATION_THRESHOLD, score(columnPairTrendsAllPairs), score(overallAllPairs)));

        s.append("Diagnostics:        ")
                .append(diagnostics.columnsPresent() ? "columns present" : "columns differ (missing "
                        + diagnostics.missingColumns() + ", extra " + diagnostics.extraColumns() + ")")
                .append(", ").append(diagnostics.typesMatch() ? "types match" : "types differ");
        diagnostics.boundaryAdherence().stream().filter(b -> !Double.isNaN(b.score()))
                .min(Comparator.comparingDouble(Diagnostics.Boundary::score))
                .ifPresent(b -> s.append(", lowest boundary adherence ").append(score(b.score())).append(" (").append(b.column()).append(')'));
        s.append(System.lineSeparator());

        s.append("Temporal checks:    ");
        if (temporal == null) {
            s.append("not run");
        } else {
            TemporalChecks.CycleCheck rul = temporal.rulNonIncreasing();
            TemporalChecks.CycleCheck ts = temporal.timestampsIncreasing();
            s.append(temporal.passed() ? "PASS" : "FAIL")
                    .append(String.format(Locale.ROOT, " - RUL non-increasing in %d/%d cycles, timestamps increasing in %d/%d cycles, "
                            + "correlation sign with RUL kept for %d/%d sensors", rul.cyclesPassed(), rul.cycles(),
                            ts.cyclesPassed(), ts.cycles(),
                            temporal.correlationSigns().stream().filter(TemporalChecks.CorrelationSign::kept).count(),
                            temporal.correlationSigns().size()));
            temporal.autocorrelations().stream().filter(a -> !Double.isNaN(a.difference()))
                    .max(Comparator.comparingDouble(a -> Math.abs(a.difference())))
                    .ifPresent(a -> s.append(String.format(Locale.ROOT, ", largest lag-1 autocorrelation gap %.3f (%s)",
                            a.difference(), a.sensor())));
        }
        s.append(System.lineSeparator());

        s.append("Utility:            ");
        if (utility == null) {
            s.append("not run");
        } else {
            s.append(String.format(Locale.ROOT, "RMSE synthetic-trained / real-trained = %.3f (%.2f vs %.2f on %d %s real rows)",
                    utility.ratio(), utility.rmseSyntheticTrained(), utility.rmseRealTrained(), utility.testRows(),
                    utility.unseenTest() ? "unseen" : "held-out"));
        }
        s.append(System.lineSeparator());

        s.append("Worst columns:      ");
        List<ColumnScore> worst = worstColumns(3);
        for (int i = 0; i < worst.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(worst.get(i).column()).append(' ').append(score(worst.get(i).score()));
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

    private static void cycleCheck(ObjectNode o, TemporalChecks.CycleCheck c) {
        o.put("cycles", c.cycles());
        o.put("cycles_passed", c.cyclesPassed());
        number(o, "fraction_passed", c.fractionPassed());
        o.put("passed", c.passed());
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
