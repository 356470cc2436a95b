package dev.fleetsynth.engine.quality;

import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Computes a {@link QualityReport}; the report record itself only holds and prints the results. */
final class Evaluation {
    /**
     * Numeric pairs count in {@link QualityReport#columnPairTrends()} only where the real data's
     * |rho| exceeds this, as in SDMetrics' QualityReport (its {@code real_correlation_threshold}):
     * sensor pairs that are unrelated in the real data score near 1 whatever the synthesizer does,
     * and dozens of them would drown the few pairs that carry the degradation signal.
     */
    static final double PAIR_CORRELATION_THRESHOLD = 0.5;

    /** Share of the real cycles (or rows, with one cycle) held out to test the utility regressors on. */
    static final double TEST_FRACTION = 0.3;

    /** A utility ratio below this is reported as a sign of copied rows rather than of good data. */
    static final double COPY_SUSPICION_RATIO = 0.8;

    /**
     * Training rows beyond this (real or synthetic) are sampled down before training. A few sensors
     * do not need more rows than this to predict RUL about as well as they can, and the regressors
     * are most of a report's cost: this keeps a report on a 50,000-row synthetic table well under
     * a second even on a cold JVM.
     */
    static final int MAX_TRAIN_ROWS = 20_000;

    private static final Set<String> FIXED = Set.of(ParquetTables.RUL, ParquetTables.CYCLE, ParquetTables.TIMESTAMP);

    private Evaluation() {}

    /**
     * The time-series view of a table: RUL, cycle and timestamps when it has them, and the other
     * columns (sensors, for a sensor table).
     */
    record Series(double[] rul, int[] cycle, long[] timestamps, List<Column> others) {
        static Series of(SensorTable t) {
            List<Column> sensors = new ArrayList<>();
            for (int i = 0; i < t.sensorNames().size(); i++) {
                sensors.add(
                        new Column.Numeric(t.sensorNames().get(i), t.sensors().get(i)));
            }
            return new Series(t.rul(), t.cycle(), t.timestampMicros(), sensors);
        }

        /**
         * A source: its RUL, its units as cycles (numbered from 1 in file order), its order column as
         * timestamps (microseconds, or counter values), and its learnt columns ({@code learnable}: the
         * source's {@link dev.fleetsynth.engine.source.SourceTable#learnable()}, made once by the caller); {@code null} when it has no RUL.
         */
        static Series of(dev.fleetsynth.engine.source.SourceTable t, ColumnTable learnable) {
            double[] rul = t.rul();
            if (rul == null) {
                return null;
            }
            int[] unit = t.unitIndex();
            for (int i = 0; i < unit.length; i++) {
                unit[i]++;
            }
            long[] timestamps = null;
            if (t.schema().order() != null) {
                double[] o = t.numeric(t.schema().order().column());
                timestamps = new long[o.length];
                for (int i = 0; i < o.length; i++) {
                    timestamps[i] = Double.isNaN(o[i]) ? Long.MIN_VALUE : (long) o[i];
                }
            }
            String rulName = t.schema().rulColumn().orElseThrow();
            List<Column> others = learnable.columns().stream()
                    .filter(c -> !c.name().equals(rulName))
                    .toList();
            return new Series(rul, unit, timestamps, others);
        }

        /** {@code null} when the table has no numeric {@code rul} column. */
        static Series of(ColumnTable t) {
            double[] rul = numeric(t, ParquetTables.RUL);
            if (rul == null) {
                return null;
            }
            double[] c = numeric(t, ParquetTables.CYCLE);
            int[] cycle = null;
            if (c != null) {
                cycle = new int[c.length];
                for (int i = 0; i < c.length; i++) {
                    cycle[i] = Double.isNaN(c[i]) ? Integer.MIN_VALUE : (int) c[i];
                }
            }
            double[] ts = numeric(t, ParquetTables.TIMESTAMP);
            long[] timestamps = null;
            if (ts != null) {
                timestamps = new long[ts.length];
                for (int i = 0; i < ts.length; i++) {
                    timestamps[i] = Double.isNaN(ts[i]) ? Long.MIN_VALUE : (long) ts[i];
                }
            }
            List<Column> others = t.columns().stream()
                    .filter(col -> !FIXED.contains(col.name()))
                    .toList();
            return new Series(rul, cycle, timestamps, others);
        }

        private static double[] numeric(ColumnTable t, String name) {
            return t.column(name)
                    .filter(Column.Numeric.class::isInstance)
                    .map(col -> ((Column.Numeric) col).values())
                    .orElse(null);
        }
    }

    /**
     * What the utility regressors learn from and are tested on, besides the real rows.
     *
     * @param syntheticTrain the synthetic rows the synthetic-trained regressor learns from
     * @param unseen         real rows that neither the synthesizer nor the real-trained regressor saw,
     *                       to test both on; {@code null} to hold out real cycles instead
     */
    record UtilityData(Series syntheticTrain, Series unseen) {}

    static QualityReport run(
            ColumnTable real,
            ColumnTable synthetic,
            Series realSeries,
            Series syntheticSeries,
            UtilityData utilityData,
            long seed,
            Thresholds thresholds) {
        if (real.rows() == 0 || synthetic.rows() == 0) {
            throw new IllegalArgumentException(
                    "cannot compare an empty table: real has " + real.rows() + " rows, synthetic " + synthetic.rows());
        }
        List<String> notes = new ArrayList<>();
        Map<String, Column> syntheticByName = byName(synthetic.columns());
        List<Column> realCols = new ArrayList<>();
        List<Column> synCols = new ArrayList<>();
        shared(real, syntheticByName, realCols, synCols);

        Diagnostics diagnostics = diagnostics(real, synthetic, syntheticByName, realCols, synCols, notes);
        Codes codes = new Codes(realCols, synCols);

        Shapes shapes = shapes(realCols, synCols, codes, notes);
        Pairs pairs = pairs(realCols, synCols, codes, notes);

        QualityInputs inputs = new QualityInputs(
                realSeries, syntheticSeries, utilityData.syntheticTrain(), utilityData.unseen(), seed, notes);
        Map<String, Object> measured = new LinkedHashMap<>();
        List<QualityCheck> checks = new ArrayList<>();
        for (QualityMetric metric : QualityMetric.ALL) {
            if (metric.needsHistories() && !inputs.histories()) {
                notes.add(metric.key().replace('_', ' ')
                        + " skipped: both tables need RUL and units (run-to-failure histories)");
                continue;
            }
            metric.measure(inputs).ifPresent(m -> {
                measured.put(metric.key(), m.result());
                checks.addAll(m.checks());
            });
        }

        double overall = (shapes.mean() + pairs.filtered()) / 2;
        double overallAllPairs = (shapes.mean() + pairs.all()) / 2;
        return new QualityReport(
                overall,
                overallAllPairs,
                shapes.mean(),
                pairs.filtered(),
                pairs.all(),
                QualityReport.verdict(overall, thresholds, checks),
                thresholds.grade(overall),
                thresholds,
                seed,
                real.rows(),
                synthetic.rows(),
                shapes.scores(),
                pairs.scores(),
                diagnostics,
                measured,
                checks,
                notes);
    }

    /**
     * SDMetrics' overall score alone (column shapes and column pair trends, no utility or temporal
     * metrics): what a training asks after every few epochs to know whether it still improves.
     */
    static double overall(ColumnTable real, ColumnTable synthetic) {
        List<Column> realCols = new ArrayList<>();
        List<Column> synCols = new ArrayList<>();
        shared(real, byName(synthetic.columns()), realCols, synCols);
        Codes codes = new Codes(realCols, synCols);
        List<String> ignored = new ArrayList<>();
        return (shapes(realCols, synCols, codes, ignored).mean()
                        + pairs(realCols, synCols, codes, ignored).filtered())
                / 2;
    }

    /** The columns both tables have with the same type, in the real table's order. */
    private static void shared(
            ColumnTable real, Map<String, Column> syntheticByName, List<Column> realCols, List<Column> synCols) {
        for (Column rc : real.columns()) {
            Column sc = syntheticByName.get(rc.name());
            if (sc != null && kind(sc).equals(kind(rc))) {
                realCols.add(rc);
                synCols.add(sc);
            }
        }
        if (realCols.isEmpty()) {
            throw new IllegalArgumentException("real and synthetic tables share no column of the same type");
        }
    }

    /** SDMetrics' Column Shapes: a score per shared column, and their mean over those defined. */
    private record Shapes(List<ColumnScore> scores, double mean) {}

    private static Shapes shapes(List<Column> realCols, List<Column> synCols, Codes codes, List<String> notes) {
        List<ColumnScore> columnScores = new ArrayList<>();
        double shapesSum = 0;
        int shapesCount = 0;
        for (int i = 0; i < realCols.size(); i++) {
            Column rc = realCols.get(i);
            ColumnScore s;
            if (rc instanceof Column.Numeric rn) {
                s = new ColumnScore(
                        rc.name(),
                        "KSComplement",
                        Metrics.ksComplement(rn.values(), ((Column.Numeric) synCols.get(i)).values()));
            } else {
                s = new ColumnScore(
                        rc.name(),
                        "TVComplement",
                        Metrics.tvComplement(codes.real(i), codes.synthetic(i), codes.categories(i)));
            }
            columnScores.add(s);
            if (Double.isNaN(s.score())) {
                notes.add("column " + rc.name() + ": no values to compare on one side; left out of column shapes");
            } else {
                shapesSum += s.score();
                shapesCount++;
            }
        }
        double shapes = shapesCount == 0 ? Double.NaN : shapesSum / shapesCount;
        return new Shapes(columnScores, shapes);
    }

    /** SDMetrics' Column Pair Trends: a score per pair, their mean over the pairs kept ({@code filtered}) and over all. */
    private record Pairs(List<PairScore> scores, double filtered, double all) {}

    private static Pairs pairs(List<Column> realCols, List<Column> synCols, Codes codes, List<String> notes) {
        List<PairScore> pairScores = new ArrayList<>();
        double allSum = 0;
        int allCount = 0;
        double filteredSum = 0;
        int filteredCount = 0;
        int numericPairs = 0;
        int numericPairsKept = 0;
        for (int i = 0; i < realCols.size(); i++) {
            for (int j = i + 1; j < realCols.size(); j++) {
                Column a = realCols.get(i);
                Column b = realCols.get(j);
                PairScore p;
                if (a instanceof Column.Numeric ra && b instanceof Column.Numeric rb) {
                    double rhoReal = Metrics.pearson(ra.values(), rb.values());
                    double rhoSyn = Metrics.pearson(
                            ((Column.Numeric) synCols.get(i)).values(), ((Column.Numeric) synCols.get(j)).values());
                    double score = Metrics.correlationSimilarity(rhoReal, rhoSyn);
                    boolean kept = !Double.isNaN(score) && Math.abs(rhoReal) > PAIR_CORRELATION_THRESHOLD;
                    numericPairs++;
                    if (kept) {
                        numericPairsKept++;
                    }
                    p = new PairScore(a.name(), b.name(), "CorrelationSimilarity", score, rhoReal, rhoSyn, kept);
                } else {
                    double score = Metrics.contingencySimilarity(
                            codes.real(i), codes.real(j), codes.synthetic(i), codes.synthetic(j));
                    p = new PairScore(
                            a.name(),
                            b.name(),
                            "ContingencySimilarity",
                            score,
                            Double.NaN,
                            Double.NaN,
                            !Double.isNaN(score));
                }
                pairScores.add(p);
                if (Double.isNaN(p.score())) {
                    notes.add("pair " + a.name() + "/" + b.name()
                            + ": correlation undefined (a constant or empty column); left out of column pair trends");
                    continue;
                }
                allSum += p.score();
                allCount++;
                if (p.inFilteredScore()) {
                    filteredSum += p.score();
                    filteredCount++;
                }
            }
        }
        if (numericPairs > 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "column_pair_trends counts numeric pairs only where the real |rho| > %s, as SDMetrics' QualityReport does; "
                            + "%d of %d numeric pairs qualify; column_pair_trends_all_pairs counts every pair (the threshold at 0)",
                    PAIR_CORRELATION_THRESHOLD,
                    numericPairsKept,
                    numericPairs));
        }
        double pairsAll = 1;
        if (allCount == 0) {
            notes.add("no column pair to score: column_pair_trends_all_pairs is 1");
        } else {
            pairsAll = allSum / allCount;
        }
        double pairs = 1;
        if (filteredCount == 0) {
            notes.add("no column pair qualifies for column_pair_trends: it is 1");
        } else {
            pairs = filteredSum / filteredCount;
        }
        return new Pairs(pairScores, pairs, pairsAll);
    }

    private static Diagnostics diagnostics(
            ColumnTable real,
            ColumnTable synthetic,
            Map<String, Column> syntheticByName,
            List<Column> realCols,
            List<Column> synCols,
            List<String> notes) {
        Map<String, Column> realByName = byName(real.columns());
        List<String> missing = new ArrayList<>();
        List<Diagnostics.TypeMismatch> mismatches = new ArrayList<>();
        for (Column rc : real.columns()) {
            Column sc = syntheticByName.get(rc.name());
            if (sc == null) {
                missing.add(rc.name());
            } else if (!kind(sc).equals(kind(rc))) {
                mismatches.add(new Diagnostics.TypeMismatch(rc.name(), kind(rc), kind(sc)));
            }
        }
        List<String> extra = synthetic.names().stream()
                .filter(n -> !realByName.containsKey(n))
                .toList();
        if (!missing.isEmpty()) {
            notes.add("synthetic table lacks " + missing + "; left out of every score");
        }
        if (!extra.isEmpty()) {
            notes.add("synthetic table has columns the real one lacks: " + extra + "; left out of every score");
        }
        if (!mismatches.isEmpty()) {
            notes.add("columns of another type in the synthetic table: "
                    + mismatches.stream().map(Diagnostics.TypeMismatch::column).toList() + "; left out of every score");
        }
        List<Diagnostics.Boundary> boundaries = new ArrayList<>();
        for (int i = 0; i < realCols.size(); i++) {
            if (realCols.get(i) instanceof Column.Numeric rn) {
                double[] v = rn.values();
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double x : v) {
                    if (x == x) {
                        min = Math.min(min, x);
                        max = Math.max(max, x);
                    }
                }
                double score = Metrics.boundaryAdherence(v, ((Column.Numeric) synCols.get(i)).values());
                boundaries.add(
                        min > max
                                ? new Diagnostics.Boundary(rn.name(), Double.NaN, Double.NaN, score)
                                : new Diagnostics.Boundary(rn.name(), min, max, score));
            }
        }
        return new Diagnostics(
                missing.isEmpty() && extra.isEmpty(), missing, extra, mismatches.isEmpty(), mismatches, boundaries);
    }

    /** The row utility, or {@code null} (with a note) when the tables lack what it needs. */
    static Utility utility(Series real, Series synthetic, Series unseen, long seed, List<String> notes) {
        if (real == null || synthetic == null) {
            notes.add("utility skipped: both tables need a numeric rul column");
            return null;
        }
        Map<String, Column> synByName = byName(synthetic.others());
        Map<String, Column> unseenByName = unseen == null ? Map.of() : byName(unseen.others());
        List<double[]> realFeatures = new ArrayList<>();
        List<double[]> synFeatures = new ArrayList<>();
        List<double[]> unseenFeatures = new ArrayList<>();
        List<String> lackedByUnseen = new ArrayList<>();
        for (Column rc : real.others()) {
            Column sc = synByName.get(rc.name());
            Column uc = unseenByName.get(rc.name());
            if (rc instanceof Column.Numeric rn && sc instanceof Column.Numeric sn) {
                realFeatures.add(rn.values());
                synFeatures.add(sn.values());
                if (uc instanceof Column.Numeric un) {
                    unseenFeatures.add(un.values());
                } else {
                    lackedByUnseen.add(rc.name());
                }
            } else if (rc instanceof Column.Categorical rk && sc instanceof Column.Categorical sk) {
                Map<String, Integer> dictionary = new HashMap<>();
                realFeatures.add(asFeature(Metrics.encode(rk.values(), dictionary)));
                synFeatures.add(asFeature(Metrics.encode(sk.values(), dictionary)));
                if (uc instanceof Column.Categorical uk) {
                    unseenFeatures.add(asFeature(Metrics.encode(uk.values(), dictionary)));
                } else {
                    lackedByUnseen.add(rc.name());
                }
            }
        }
        if (realFeatures.isEmpty()) {
            notes.add("utility skipped: no feature column shared by both tables besides rul, cycle and timestamp");
            return null;
        }
        if (unseen != null && !lackedByUnseen.isEmpty()) {
            notes.add("utility: the unseen real table lacks " + lackedByUnseen + " (or has it as another type); "
                    + "tested on held-out real cycles instead");
            unseen = null;
        }

        TestSet test =
                unseen != null ? TestSet.unseen(real, unseen, unseenFeatures) : TestSet.heldOut(real, realFeatures);
        int[] trainRows = test.trainRows();
        int[] synRows = rows(synthetic.rul(), null, false);
        if (trainRows.length < 2 || test.size() < 1 || synRows.length < 2) {
            notes.add("utility skipped: too few rows with a RUL to train and test on");
            return null;
        }
        if (trainRows.length > MAX_TRAIN_ROWS) {
            trainRows = sample(trainRows, MAX_TRAIN_ROWS, seed);
            notes.add("utility: the real-trained regressor learned from a sample of " + MAX_TRAIN_ROWS + " rows");
        }
        if (synRows.length > MAX_TRAIN_ROWS) {
            synRows = sample(synRows, MAX_TRAIN_ROWS, seed + 1);
            notes.add("utility: the synthetic-trained regressor learned from a sample of " + MAX_TRAIN_ROWS + " rows");
        }

        GradientBoostedTrees.Settings settings = GradientBoostedTrees.Settings.DEFAULT;
        var realModel = GradientBoostedTrees.fit(
                gather(realFeatures, trainRows), gather(real.rul(), trainRows), settings, seed);
        var synModel = GradientBoostedTrees.fit(
                gather(synFeatures, synRows), gather(synthetic.rul(), synRows), settings, seed);
        double rmseReal = rmse(realModel.predict(test.x()), test.y());
        double rmseSyn = rmse(synModel.predict(test.x()), test.y());
        double ratio = ratio(rmseSyn, rmseReal);
        if (ratio < COPY_SUSPICION_RATIO && !test.unseen()) {
            // The synthesizer learned from every real row, held-out ones included; a synthetic-trained
            // model that beats the real-trained one by far has most likely seen copies of the test rows.
            notes.add(String.format(
                    Locale.ROOT,
                    "utility ratio %.2f is well below 1: the synthetic data may copy real rows, "
                            + "the held-out ones included; check privacy before trusting it",
                    ratio));
        }
        double trainMean =
                Arrays.stream(gather(real.rul(), trainRows)).average().orElse(Double.NaN);
        double[] constant = new double[test.size()];
        Arrays.fill(constant, trainMean);
        double rmseBaseline = rmse(constant, test.y());
        if (!(rmseReal < rmseBaseline)) {
            notes.add(String.format(
                    Locale.ROOT,
                    "utility: the real-trained regressor (RMSE %.3g) does no better than predicting the mean "
                            + "RUL (%.3g): RUL cannot be learnt from these columns row by row, so the ratio says little",
                    rmseReal,
                    rmseBaseline));
        }
        return new Utility(
                settings.describe(),
                test.split(),
                test.unseen(),
                trainRows.length,
                synRows.length,
                test.size(),
                rmseReal,
                rmseSyn,
                ratio,
                rmseBaseline);
    }

    /**
     * The real rows both utility regressors are scored on, and the real rows the real-trained one
     * may learn from.
     *
     * @param unseen true when the test rows come from a table apart from the real one, which the
     *               synthesizer never saw either
     */
    private record TestSet(double[][] x, double[] y, int[] trainRows, String split, boolean unseen) {
        int size() {
            return y.length;
        }

        /** Every real row to learn from; the unseen table's rows to test on. */
        static TestSet unseen(Series real, Series unseen, List<double[]> unseenFeatures) {
            int[] testRows = rows(unseen.rul(), null, false);
            int[] ids = unseen.cycle() == null ? new int[0] : Cycles.distinct(unseen.cycle());
            String split = String.format(
                    Locale.ROOT,
                    "tested on %d unseen real rows (%s) that the synthesizer never saw; "
                            + "the real-trained model learned from every real row",
                    testRows.length,
                    ids.length == 0 ? "no cycle column" : ids.length == 1 ? "1 cycle" : ids.length + " cycles");
            return new TestSet(
                    gather(unseenFeatures, testRows),
                    gather(unseen.rul(), testRows),
                    rows(real.rul(), null, false),
                    split,
                    true);
        }

        /**
         * The last cycles (or rows, with fewer than two cycles) of the real table to test on; the
         * rest to learn from.
         */
        static TestSet heldOut(Series real, List<double[]> realFeatures) {
            int n = real.rul().length;
            boolean[] test = new boolean[n];
            String split;
            int[] ids = real.cycle() == null ? new int[0] : Cycles.distinct(real.cycle());
            if (ids.length >= 2) {
                int held = Math.max(1, (int) Math.round(TEST_FRACTION * ids.length));
                int firstHeld = ids[ids.length - held];
                for (int r = 0; r < n; r++) {
                    test[r] = real.cycle()[r] >= firstHeld;
                }
                split = String.format(
                        Locale.ROOT,
                        "the last %d of %d real cycles held out (cycles %d..%d)",
                        held,
                        ids.length,
                        firstHeld,
                        ids[ids.length - 1]);
            } else {
                int held = (int) Math.ceil(TEST_FRACTION * n);
                for (int r = n - held; r < n; r++) {
                    test[r] = true;
                }
                split = String.format(
                        Locale.ROOT,
                        "the last %d of %d real rows held out (%s)",
                        held,
                        n,
                        ids.length == 1 ? "a single cycle" : "no cycle column");
            }
            int[] testRows = rows(real.rul(), test, true);
            return new TestSet(
                    gather(realFeatures, testRows),
                    gather(real.rul(), testRows),
                    rows(real.rul(), test, false),
                    split,
                    false);
        }
    }

    private static double[] asFeature(int[] codes) {
        double[] out = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = codes[i] == Metrics.MISSING ? Double.NaN : codes[i];
        }
        return out;
    }

    /** Rows whose mask entry equals {@code wanted} (all rows for a null mask) and whose RUL is known. */
    private static int[] rows(double[] rul, boolean[] mask, boolean wanted) {
        int[] out = new int[rul.length];
        int k = 0;
        for (int r = 0; r < rul.length; r++) {
            if ((mask == null || mask[r] == wanted) && !Double.isNaN(rul[r])) {
                out[k++] = r;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** {@code size} of {@code rows}, drawn without replacement for the seed, in ascending order. */
    static int[] sample(int[] rows, int size, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x5DEECE66DL);
        int[] copy = rows.clone();
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(copy.length - i);
            int tmp = copy[i];
            copy[i] = copy[j];
            copy[j] = tmp;
        }
        int[] out = Arrays.copyOf(copy, size);
        Arrays.sort(out);
        return out;
    }

    private static double[][] gather(List<double[]> columns, int[] rows) {
        double[][] out = new double[columns.size()][];
        for (int f = 0; f < out.length; f++) {
            out[f] = gather(columns.get(f), rows);
        }
        return out;
    }

    private static double[] gather(double[] column, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = column[rows[i]];
        }
        return out;
    }

    /** Synthetic-trained RMSE over real-trained: 1 when both are perfect, infinite when only the real one is. */
    static double ratio(double rmseSynthetic, double rmseReal) {
        return rmseReal > 0 ? rmseSynthetic / rmseReal : rmseSynthetic == 0 ? 1 : Double.POSITIVE_INFINITY;
    }

    static double rmse(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = predicted[i] - actual[i];
            sum += d * d;
        }
        return Math.sqrt(sum / actual.length);
    }

    static String kind(Column c) {
        return c instanceof Column.Numeric ? "numerical" : "categorical";
    }

    static Map<String, Column> byName(List<Column> columns) {
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : columns) {
            map.put(c.name(), c);
        }
        return map;
    }

    /**
     * Category codes of the shared columns that contingency tables need: a categorical column
     * encoded with one dictionary for both sides, a numeric one cut into the real data's bins.
     * Made lazily, once per column, because a table of numbers alone needs none.
     */
    private static final class Codes {
        private final List<Column> realCols;
        private final List<Column> synCols;
        private final int[][] real;
        private final int[][] synthetic;
        private final int[] categories;

        Codes(List<Column> realCols, List<Column> synCols) {
            this.realCols = realCols;
            this.synCols = synCols;
            this.real = new int[realCols.size()][];
            this.synthetic = new int[realCols.size()][];
            this.categories = new int[realCols.size()];
        }

        int[] real(int i) {
            make(i);
            return real[i];
        }

        int[] synthetic(int i) {
            make(i);
            return synthetic[i];
        }

        int categories(int i) {
            make(i);
            return categories[i];
        }

        private void make(int i) {
            if (real[i] != null) {
                return;
            }
            if (realCols.get(i) instanceof Column.Numeric rn) {
                double[] edges = Metrics.binEdges(rn.values(), Metrics.CONTINGENCY_BINS);
                real[i] = Metrics.discretize(rn.values(), edges);
                synthetic[i] = Metrics.discretize(((Column.Numeric) synCols.get(i)).values(), edges);
                categories[i] = Metrics.CONTINGENCY_BINS;
            } else {
                Map<String, Integer> dictionary = new HashMap<>();
                real[i] = Metrics.encode(((Column.Categorical) realCols.get(i)).values(), dictionary);
                synthetic[i] = Metrics.encode(((Column.Categorical) synCols.get(i)).values(), dictionary);
                categories[i] = dictionary.size();
            }
        }
    }
}
