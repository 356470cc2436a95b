package dev.fleetsynth.bench;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.quality.Metrics;
import dev.fleetsynth.engine.quality.QualityCheck;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.quality.TemporalChecks;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every catalog machine with default settings, as a user gets it: the seed (10,000 rows) and its
 * holdout, the default model, a default dataset (50,000 rows in three splits) and its report; one row per
 * machine, then medians and worst against the targets. {@code bench/run catalog [--model tvae]
 * [--epochs E]} compares another model on the same seeds; {@code --only REGEX} keeps the machines
 * whose id it finds.
 */
final class CatalogBench {
    static final double TARGET_OVERALL = 0.93;
    static final double TARGET_UTILITY_MEDIAN = 1.10;
    static final double TARGET_UTILITY_WORST = 1.25;
    static final double TARGET_LAG1 = 0.05;
    static final double TARGET_LIFETIMES_KS = 0.2;
    static final double TARGET_DISCRIMINATIVE = 0.10;

    private CatalogBench() {}

    /**
     * @param referenceKs the lifetimes KS of fresh draws of the simulator against the same real lives: what a
     *                    perfect synthesizer would score, since a seed and its holdout hold few lives
     */
    record Row(
            String machine,
            double overall,
            double rows,
            double windows,
            double discriminative,
            double lag1,
            double lifetimesKs,
            double referenceKs,
            double trainSeconds,
            double generateSeconds,
            String verdict,
            List<String> failed) {}

    /** Draws of the simulator for the reference lifetimes KS. */
    static final int REFERENCE_DRAWS = 5;

    /** Rows per cycle of each table: its lifetimes in readings. */
    static double[] lives(List<SensorTable> tables) {
        List<Double> out = new ArrayList<>();
        for (SensorTable t : tables) {
            int from = 0;
            for (int i = 1; i <= t.rows(); i++) {
                if (i == t.rows() || t.cycle()[i] != t.cycle()[i - 1]) {
                    out.add((double) (i - from));
                    from = i;
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static boolean run(PrintStream out, String model, int epochs, java.util.regex.Pattern only) throws Exception {
        List<Row> rows = new ArrayList<>();
        out.printf(
                Locale.ROOT,
                "%-32s %7s %6s %7s %6s %6s %6s %6s %7s %7s  %s%n",
                "machine",
                "overall",
                "rows",
                "windows",
                "discr",
                "lag1",
                "lifeKS",
                "refKS",
                "train s",
                "gen s",
                "verdict (failed checks)");
        for (Catalog.Entry e : Catalog.machines()) {
            if (!only.matcher(e.machineId()).find()) {
                continue;
            }
            SeedOptions options = SeedOptions.defaults();
            SensorTable seedTable = SeedGenerator.generate(e.profile(), options);
            SensorTable holdoutTable = SeedGenerator.generate(e.profile(), options.holdout());
            SourceTable seed = SourceTable.of(seedTable);
            SourceTable holdout = SourceTable.of(holdoutTable);
            List<SensorTable> draws = new ArrayList<>();
            for (int k = 1; k <= REFERENCE_DRAWS; k++) {
                draws.add(SeedGenerator.generate(e.profile(), new SeedOptions(options.rows(), 1000 + k)));
            }
            double referenceKs = Metrics.ksStatistic(lives(List.of(seedTable, holdoutTable)), lives(draws));
            ModelKind kind = ModelKind.parse(model, seed.schema());
            long t0 = System.nanoTime();
            ModelTraining.Trained trained = ModelTraining.train(
                    seed, null, kind, FitOptions.defaults().withEpochs(epochs), TrainingListener.NONE, () -> false);
            double train = (System.nanoTime() - t0) / 1e9;
            Path dir = Files.createTempDirectory("fleetsynth-bench-catalog");
            long t1 = System.nanoTime();
            DatasetGenerator.Dataset d =
                    DatasetGenerator.generate(trained.model(), seed, holdout, SplitSizes.of(50_000), 7);
            DatasetGenerator.write(d, dir, Map.of());
            double gen = (System.nanoTime() - t1) / 1e9;
            AtomicFiles.deleteTree(dir);
            QualityReport q = d.quality();
            TemporalChecks t = q.temporal();
            double lag1 = t == null
                    ? Double.NaN
                    : t.autocorrelations().stream()
                            .mapToDouble(a -> Math.abs(a.difference()))
                            .max()
                            .orElse(Double.NaN);
            Row r = new Row(
                    e.machineId(),
                    q.overall(),
                    q.utility() == null ? Double.NaN : q.utility().ratio(),
                    q.windowUtility() == null ? Double.NaN : q.windowUtility().ratio(),
                    q.discriminative() == null ? Double.NaN : q.discriminative().score(),
                    lag1,
                    q.lifetimes() == null ? Double.NaN : q.lifetimes().ks(),
                    referenceKs,
                    train,
                    gen,
                    q.grade().label(),
                    q.checks().stream()
                            .filter(c -> !c.passed())
                            .map(QualityCheck::name)
                            .toList());
            rows.add(r);
            out.printf(
                    Locale.ROOT,
                    "%-32s %7.3f %6.2f %7.2f %6.3f %6.3f %6.2f %6.2f %7.2f %7.2f  %s %s%n",
                    r.machine(),
                    r.overall(),
                    r.rows(),
                    r.windows(),
                    r.discriminative(),
                    r.lag1(),
                    r.lifetimesKs(),
                    r.referenceKs(),
                    r.trainSeconds(),
                    r.generateSeconds(),
                    r.verdict(),
                    r.failed().isEmpty() ? "" : r.failed());
        }
        double[] overall = rows.stream().mapToDouble(Row::overall).toArray();
        double[] util = rows.stream().mapToDouble(Row::rows).toArray();
        double[] win = rows.stream().mapToDouble(Row::windows).toArray();
        double[] disc = rows.stream().mapToDouble(Row::discriminative).toArray();
        double[] lag = rows.stream().mapToDouble(Row::lag1).toArray();
        double[] ks = rows.stream().mapToDouble(Row::lifetimesKs).toArray();
        double[] train = rows.stream().mapToDouble(Row::trainSeconds).toArray();
        out.println();
        out.printf(
                Locale.ROOT,
                "overall       median %.3f, worst %.3f (target >= %.2f on every machine: %d of %d)%n",
                median(overall),
                min(overall),
                TARGET_OVERALL,
                Arrays.stream(overall).filter(v -> v >= TARGET_OVERALL).count(),
                rows.size());
        out.printf(
                Locale.ROOT,
                "row utility   median %.2f, worst %.2f (targets %.2f median, %.2f worst)%n",
                median(util),
                max(util),
                TARGET_UTILITY_MEDIAN,
                TARGET_UTILITY_WORST);
        out.printf(Locale.ROOT, "window util.  median %.2f, worst %.2f%n", median(win), max(win));
        out.printf(
                Locale.ROOT,
                "discriminative median %.3f, worst %.3f (target <= %.2f: %d of %d)%n",
                median(disc),
                max(disc),
                TARGET_DISCRIMINATIVE,
                Arrays.stream(disc).filter(v -> v <= TARGET_DISCRIMINATIVE).count(),
                rows.size());
        out.printf(
                Locale.ROOT,
                "lag-1 gap     median %.3f, worst %.3f (target <= %.2f: %d of %d)%n",
                median(lag),
                max(lag),
                TARGET_LAG1,
                Arrays.stream(lag).filter(v -> v <= TARGET_LAG1).count(),
                rows.size());
        double[] ref = rows.stream().mapToDouble(Row::referenceKs).toArray();
        out.printf(
                Locale.ROOT,
                "lifetimes KS  median %.2f, worst %.2f (target <= %.1f: %d of %d); fresh simulator draws against the same "
                        + "real lives: median %.2f, worst %.2f (%d of %d within the target)%n",
                median(ks),
                max(ks),
                TARGET_LIFETIMES_KS,
                Arrays.stream(ks).filter(v -> v <= TARGET_LIFETIMES_KS).count(),
                rows.size(),
                median(ref),
                max(ref),
                Arrays.stream(ref).filter(v -> v <= TARGET_LIFETIMES_KS).count(),
                rows.size());
        out.printf(
                Locale.ROOT,
                "train seconds median %.2f, worst %.2f; verdicts passed %d of %d%n",
                median(train),
                max(train),
                rows.stream().filter(r -> r.failed().isEmpty()).count(),
                rows.size());
        return min(overall) >= TARGET_OVERALL
                && median(util) <= TARGET_UTILITY_MEDIAN
                && max(util) <= TARGET_UTILITY_WORST;
    }

    static final double MILLION_TARGET_S = 5;

    /** The motor's default seed, its holdout and the default model trained on it: what the generation benchmarks draw from. */
    private record Motor(SourceTable seed, SourceTable holdout, dev.fleetsynth.engine.synth.Synthesizer model) {
        static Motor trained() {
            var profile = Catalog.profile("motor_siemens_1la7_001").orElseThrow();
            SeedOptions options = SeedOptions.defaults();
            SourceTable seed = SourceTable.of(SeedGenerator.generate(profile, options));
            SourceTable holdout = SourceTable.of(SeedGenerator.generate(profile, options.holdout()));
            return new Motor(
                    seed,
                    holdout,
                    ModelTraining.train(
                                    seed,
                                    null,
                                    ModelKind.auto(seed.schema()),
                                    FitOptions.defaults(),
                                    TrainingListener.NONE,
                                    () -> false)
                            .model());
        }
    }

    /**
     * A million rows of the motor with the default model, its report and its three Parquet files,
     * warm, against drawing the rows alone in the same run.
     */
    static boolean million(PrintStream out, Harness harness) throws Exception {
        Motor motor = Motor.trained();
        SourceTable seed = motor.seed();
        SourceTable holdout = motor.holdout();
        var model = motor.model();
        Path dir = Files.createTempDirectory("fleetsynth-bench-million");
        try {
            SplitSizes sizes = SplitSizes.of(1_000_000);
            Harness.Timing sample =
                    harness.time("draw 1,000,000 rows (baseline: the model alone)", () -> model.sampleSplits(sizes, 3));
            Harness.Timing full = harness.time("generate 1,000,000: draw, report, 3 Parquet files", () -> {
                DatasetGenerator.Dataset d = DatasetGenerator.generate(model, seed, holdout, sizes, 3);
                DatasetGenerator.write(d, dir, Map.of());
                return d;
            });
            out.println(sample.line());
            out.println(full.line());
            out.printf(
                    Locale.ROOT,
                    "  ratio to drawing alone %.2fx; target %.1f s: %s%n",
                    full.median() / sample.median(),
                    MILLION_TARGET_S,
                    full.median() <= MILLION_TARGET_S ? "met" : "MISSED");
            return full.median() <= MILLION_TARGET_S;
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /**
     * Ten million rows through the generator's path ({@link DatasetGenerator#generateInto}: drawn and
     * written in parts, scored on the first part of each split) under the generator's 1 GB heap (bench/run
     * sets it), against one million rows the same way in the same run: time and peak heap of each.
     */
    static boolean tenMillion(PrintStream out, int repeat) throws Exception {
        Motor motor = Motor.trained();
        SourceTable seed = motor.seed();
        SourceTable holdout = motor.holdout();
        var model = motor.model();
        out.printf(
                Locale.ROOT,
                "%s model, %d columns, heap limit %,d MB, %d runs each%n",
                model.format(),
                model.schema().fields().size(),
                Runtime.getRuntime().maxMemory() / 1_000_000,
                repeat);
        boolean ok = true;
        double[] baseline = null;
        for (int rows : new int[] {1_000_000, 10_000_000}) {
            double[] seconds = new double[repeat];
            long peak = 0;
            long bytes = 0;
            for (int i = 0; i < repeat; i++) {
                Path dir = Files.createTempDirectory("fleetsynth-bench-stream");
                try {
                    System.gc();
                    java.lang.management.ManagementFactory.getMemoryPoolMXBeans()
                            .forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
                    long t0 = System.nanoTime();
                    DatasetGenerator.Written w = DatasetGenerator.generateInto(
                            dir, model, seed, holdout, SplitSizes.of(rows), 3 + i, Map.of(), q -> q, () -> {});
                    seconds[i] = (System.nanoTime() - t0) / 1e9;
                    ok &= w.rows() == rows;
                    peak = Math.max(
                            peak,
                            java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                                    .mapToLong(p -> p.getPeakUsage().getUsed())
                                    .sum());
                    try (var files = Files.list(dir)) {
                        bytes = files.mapToLong(f -> f.toFile().length()).sum();
                    }
                } finally {
                    AtomicFiles.deleteTree(dir);
                }
            }
            if (baseline == null) {
                baseline = seconds;
            }
            out.printf(
                    Locale.ROOT,
                    "%,12d rows: median %.1f s (%.2fx the 1,000,000 rows' time; %.1fx their rows), peak heap %,d MB, files %,d MB%n",
                    rows,
                    median(seconds),
                    median(seconds) / median(baseline),
                    rows / 1e6,
                    peak / 1_000_000,
                    bytes / 1_000_000);
        }
        return ok;
    }

    private static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        return s.length == 0
                ? Double.NaN
                : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
    }
}
