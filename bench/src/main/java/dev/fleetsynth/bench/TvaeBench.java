package dev.fleetsynth.bench;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.synth.TvaeSynthesizer;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.OutputLayout;
import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.engine.tvae.TrainingResult;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import dev.fleetsynth.engine.tvae.transform.DataTransformer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * TVAE benchmarks on the 10,000-row motor seed (random seed 7), the reference's data shape:
 * <ul>
 *   <li>{@code tvae}: full fits of {@code epochs} epochs, the median time and the per-step split,
 *       beside the straightforward DJL port ({@link NaiveDjlTvae}) timed per step in the same run;
 *       target {@value #FIT_TARGET_S} s for 300 epochs</li>
 *   <li>{@code generate}: 50,000 rows sampled, arranged, scored and written as Parquet, warm;
 *       target {@value #GENERATE_TARGET_S} s</li>
 *   <li>{@code stability}: many fits with different seeds, each must end with a finite loss and a
 *       dataset of overall quality >= 0.90</li>
 * </ul>
 */
final class TvaeBench {
    static final double FIT_TARGET_S = 17;
    static final double GENERATE_TARGET_S = 2;

    private TvaeBench() {}

    private static final SeedOptions MOTOR_SEED = new SeedOptions(10_000, 7);

    static SensorTable motorSeed() {
        return SeedGenerator.generate(Catalog.profile("motor_siemens_1la7_001").orElseThrow(), MOTOR_SEED);
    }

    static void fit(PrintStream out, int epochs, int repeat, int threads) {
        SensorTable seed = motorSeed();
        ColumnTable table = ColumnTable.learnable(seed);
        DataTransformer transformer = DataTransformer.fit(table, 42);
        float[] data = transformer.transform(table, 42);
        OutputLayout layout = OutputLayout.of(transformer);
        double naive = NaiveDjlTvae.msPerStep(data, table.rows(), layout, 5);
        double[] seconds = new double[repeat];
        TrainingResult.StepTimes last = null;
        double lastLoss = Double.NaN;
        for (int i = 0; i < repeat; i++) {
            TvaeModel model = TvaeModel.train(
                    seed,
                    TvaeConfig.defaults().withEpochs(epochs).withThreads(threads),
                    TrainingListener.NONE,
                    () -> false);
            seconds[i] = model.training().seconds();
            last = model.training().stepTimes();
            lastLoss = model.training().finalLoss();
            out.printf(Locale.ROOT, "  fit %d: %.2f s, final loss %.4f%n", i + 1, seconds[i], lastLoss);
        }
        Harness.Timing t = new Harness.Timing(
                "TVAE fit, motor 10k rows, " + epochs + " epochs, " + threads + " thread(s)", seconds);
        out.println(t.line());
        out.printf(
                Locale.ROOT,
                "  output width %d, %d steps; per step %.3f ms: forward %.3f, loss %.3f, backward %.3f, optimiser %.3f%n",
                layout.width(),
                last.steps(),
                last.totalMs(),
                last.forwardMs(),
                last.lossMs(),
                last.backwardMs(),
                last.optimiserMs());
        out.printf(
                Locale.ROOT,
                "  baseline, straightforward DJL port: %.3f ms per step; engine step is %.2fx of it%n",
                naive,
                last.totalMs() / naive);
        if (epochs == 300) {
            out.printf(
                    Locale.ROOT, "  target %.0f s: %s%n", FIT_TARGET_S, t.median() <= FIT_TARGET_S ? "met" : "MISSED");
        }
    }

    static void generate(PrintStream out, Harness harness) throws Exception {
        SensorTable seed = motorSeed();
        // the seed's holdout, as the platform and `fleetsynth run` score the utility on it
        SensorTable holdout =
                SeedGenerator.generate(Catalog.profile("motor_siemens_1la7_001").orElseThrow(), MOTOR_SEED.holdout());
        TvaeModel model = TvaeModel.train(seed, TvaeConfig.defaults(), TrainingListener.NONE, () -> false);
        Path dir = Files.createTempDirectory("fleetsynth-bench-generate");
        try {
            SplitSizes sizes = SplitSizes.of(50_000);
            Harness.Timing sample =
                    harness.time("sample 50k rows (baseline: model only)", () -> model.sample(50_000, 3));
            TvaeSynthesizer synthesizer = new TvaeSynthesizer(model);
            SourceTable seedSource = SourceTable.of(seed);
            SourceTable holdoutSource = SourceTable.of(holdout);
            Harness.Timing full = harness.time("generate 50k: sample, cycles, quality, 3 Parquet files", () -> {
                DatasetGenerator.Dataset d =
                        DatasetGenerator.generate(synthesizer, seedSource, holdoutSource, sizes, 3);
                DatasetGenerator.write(d, dir, Map.of());
                return d;
            });
            out.println(sample.line());
            out.println(full.line());
            DatasetGenerator.Dataset d = DatasetGenerator.generate(synthesizer, seedSource, holdoutSource, sizes, 3);
            out.printf(
                    Locale.ROOT,
                    "  ratio to sampling alone %.2fx; target %.1f s: %s; quality overall %.3f%n",
                    full.median() / sample.median(),
                    GENERATE_TARGET_S,
                    full.median() <= GENERATE_TARGET_S ? "met" : "MISSED",
                    d.quality().overall());
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    /**
     * Time to quality: the default TVAE training (stopped when a draw's quality against the rows
     * stops improving for {@code patience} epochs, at most {@code epochs}) against the fixed
     * {@code epochs} in the same run, on the motor seed, for {@code repeat} training seeds. Quality is
     * the overall score of a 50,000-row dataset against the seed, as {@code stability} scores it.
     */
    static void untilQuality(PrintStream out, int epochs, int patience, int repeat) {
        SourceTable seed = SourceTable.of(motorSeed());
        double[] fixedS = new double[repeat];
        double[] fixedQ = new double[repeat];
        double[] stopS = new double[repeat];
        double[] stopQ = new double[repeat];
        double[] outside = new double[repeat];
        out.println(
                "  seed  fixed_epochs  fixed_s  fixed_overall  stopped_at  stopped_s  stopped_overall  outside_loop_s");
        for (int i = 0; i < repeat; i++) {
            long s = i + 1;
            FitOptions fixed =
                    FitOptions.defaults().withEpochs(epochs).withSeed(s).withPatience(0);
            FitOptions stopping =
                    FitOptions.defaults().withEpochs(epochs).withSeed(s).withPatience(patience);
            long t0 = System.nanoTime();
            Synthesizer a = ModelKind.TVAE.fit(seed, fixed, TrainingListener.NONE, () -> false);
            fixedS[i] = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            Synthesizer b = ModelKind.TVAE.fit(seed, stopping, TrainingListener.NONE, () -> false);
            stopS[i] = (System.nanoTime() - t1) / 1e9;
            fixedQ[i] = DatasetGenerator.generate(a, seed, null, SplitSizes.of(50_000), s)
                    .quality()
                    .overall();
            stopQ[i] = DatasetGenerator.generate(b, seed, null, SplitSizes.of(50_000), s)
                    .quality()
                    .overall();
            // the part of a fit outside its training loop: the data transformer's fit (a Gaussian mixture
            // per column) and the transform, which no step time shows
            outside[i] = stopS[i] - ((TvaeSynthesizer) b).model().training().seconds();
            out.printf(
                    Locale.ROOT,
                    "  %4d  %12d  %7.1f  %13.4f  %10d  %9.1f  %15.4f  %14.2f%n",
                    s,
                    epochs,
                    fixedS[i],
                    fixedQ[i],
                    ((TvaeSynthesizer) b).model().training().lossCurve().length,
                    stopS[i],
                    stopQ[i],
                    outside[i]);
        }
        Harness.Timing fixedT = new Harness.Timing("fixed " + epochs + " epochs (baseline)", fixedS);
        Harness.Timing stopT = new Harness.Timing("until quality, patience " + patience, stopS);
        out.println(fixedT.line());
        out.println(stopT.line());
        out.printf(
                Locale.ROOT,
                "  median overall: fixed %.4f, until quality %.4f; wall time ratio %.2fx (target: at least the fixed "
                        + "quality's level in a fifth of its time)%n",
                new Harness.Timing("q", fixedQ).median(),
                new Harness.Timing("q", stopQ).median(),
                stopT.median() / fixedT.median());
        out.printf(
                Locale.ROOT,
                "  outside the training loop (transformer fit and transform): median %.2f s, %.0f %% of the default fit%n",
                new Harness.Timing("o", outside).median(),
                100 * new Harness.Timing("o", outside).median() / stopT.median());
    }

    record Run(long seed, double finalLoss, boolean finite, double overall, double seconds) {}

    static boolean stability(PrintStream out, int runs, int jobs, int epochs) throws Exception {
        SensorTable seed = motorSeed();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        int threads = TvaeConfig.threadsBeside(jobs);
        List<Future<Run>> futures = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            long s = i;
            futures.add(pool.submit(() -> {
                TvaeModel model = TvaeModel.train(
                        seed,
                        TvaeConfig.defaults().withEpochs(epochs).withSeed(s).withThreads(threads),
                        TrainingListener.NONE,
                        () -> false);
                double[] curve = model.training().lossCurve();
                boolean finite = Arrays.stream(curve).allMatch(Double::isFinite);
                double overall = DatasetGenerator.generate(
                                new TvaeSynthesizer(model), SourceTable.of(seed), null, SplitSizes.of(50_000), s)
                        .quality()
                        .overall();
                return new Run(
                        s,
                        model.training().finalLoss(),
                        finite,
                        overall,
                        model.training().seconds());
            }));
        }
        boolean ok = true;
        double min = Double.POSITIVE_INFINITY;
        out.println("  seed  final_loss  finite  overall  fit_s");
        for (Future<Run> f : futures) {
            Run r = f.get();
            out.printf(
                    Locale.ROOT,
                    "  %4d  %10.4f  %6s  %7.4f  %5.1f%n",
                    r.seed(),
                    r.finalLoss(),
                    r.finite(),
                    r.overall(),
                    r.seconds());
            ok &= r.finite() && r.overall() >= 0.90;
            min = Math.min(min, r.overall());
        }
        pool.shutdown();
        out.printf(
                Locale.ROOT,
                "  %d fits: minimum overall %.4f; %s%n",
                runs,
                min,
                ok ? "all finite and >= 0.90" : "SOME FAILED");
        return ok;
    }
}
