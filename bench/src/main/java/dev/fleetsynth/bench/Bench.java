package dev.fleetsynth.bench;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's foundation benchmarks, each beside a baseline timed in the same run:
 * <ul>
 *   <li>seed generation, 10,000 rows of the motor profile; baseline: the seed documents' linear ramp;
 *       target {@value #SEED_TARGET_S} s</li>
 *   <li>Parquet write, 50,000 rows x 12 columns; baseline: the same table as CSV; target {@value #PARQUET_TARGET_S} s</li>
 * </ul>
 * Usage: {@code bench/run [--warmup W] [--iterations N]}.
 */
public final class Bench {
    static final double SEED_TARGET_S = 0.2;
    static final double PARQUET_TARGET_S = 0.3;

    private Bench() {}

    static final String USAGE =
            "usage: bench/run [foundation|tvae|untilquality|generate|stability|ingest|catalog|million|tenmillion|gateway] [--warmup W] [--iterations N] "
                    + "[--epochs E] [--repeat R] [--threads T] [--runs N] [--jobs J] [--megabytes M] [--model auto|trajectory|tvae] [--patience P] [--only REGEX] "
                    + "[--url U] [--rate R] [--seconds S]";

    public static void main(String[] args) throws Exception {
        // One intra-op thread from the start, for the baseline too: the engine reads it when it loads,
        // and whichever benchmark loads it first must not leave an OpenMP team spinning on the other core.
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        String mode = args.length > 0 && !args[0].startsWith("--") ? args[0] : "foundation";
        int warmup = 5;
        int iterations = 21;
        int epochs = 300;
        int repeat = 3;
        int threads = TvaeConfig.DEFAULT_THREADS;
        int runs = 20;
        int jobs = Runtime.getRuntime().availableProcessors();
        int megabytes = IngestBench.TARGET_MB;
        String model = "auto";
        String url = "http://127.0.0.1:8080";
        int rate = 200;
        int seconds = 60;
        int patience = dev.fleetsynth.engine.synth.FitOptions.defaults().patience();
        String only = ".*";
        for (int i = mode.equals(args.length > 0 ? args[0] : "") ? 1 : 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--megabytes" -> megabytes = Integer.parseInt(args[++i]);
                case "--model" -> model = args[++i];
                case "--url" -> url = args[++i];
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--patience" -> patience = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        switch (mode) {
            case "foundation" -> run(new Harness(warmup, iterations), System.out);
            case "tvae" -> TvaeBench.fit(System.out, epochs, repeat, threads);
            case "untilquality" -> TvaeBench.untilQuality(System.out, epochs, patience, repeat);
            case "generate" ->
                TvaeBench.generate(System.out, new Harness(Math.min(warmup, 2), Math.min(iterations, 7)));
            case "stability" -> System.exit(TvaeBench.stability(System.out, runs, jobs, epochs) ? 0 : 1);
            case "ingest" -> IngestBench.run(System.out, megabytes, repeat);
            case "catalog" ->
                System.exit(CatalogBench.run(System.out, model, epochs, java.util.regex.Pattern.compile(only)) ? 0 : 1);
            case "gateway" -> System.exit(GatewayBench.run(System.out, url, rate, seconds) ? 0 : 1);
            case "million" ->
                System.exit(CatalogBench.million(System.out, new Harness(1, Math.min(iterations, 5))) ? 0 : 1);
            case "tenmillion" ->
                System.exit(CatalogBench.tenMillion(System.out, Math.max(1, Math.min(repeat, 5))) ? 0 : 1);
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    /** Runs every benchmark and returns whether all met their targets. */
    static boolean run(Harness harness, PrintStream out) throws Exception {
        MachineProfile motor = Catalog.profile("motor_siemens_1la7_001").orElseThrow();
        out.printf(
                Locale.ROOT,
                "Fleetsynth benchmarks: java %s, %d cores%n%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        Harness.Timing ramp =
                harness.time("seed 10k rows, baseline linear ramp", () -> LinearRampSeed.generate(motor, 10_000, 7));
        Harness.Timing seed = harness.time(
                "seed 10k rows, engine physics", () -> SeedGenerator.generate(motor, new SeedOptions(10_000, 7)));
        boolean ok = report(out, seed, ramp, SEED_TARGET_S);

        SensorTable wide = twelveColumns(
                SeedGenerator.generate(Catalog.profile("cnc_haas_vf2_001").orElseThrow(), new SeedOptions(50_000, 7)));
        Path dir = Files.createTempDirectory("fleetsynth-bench");
        try {
            Path csv = dir.resolve("table.csv");
            Path parquet = dir.resolve("table.parquet");
            Harness.Timing csvTime = harness.time("write 50k x 12, baseline CSV", () -> CsvBaseline.write(wide, csv));
            Harness.Timing parquetTime = harness.time("write 50k x 12, Parquet zstd", () -> {
                ParquetTables.write(wide, parquet);
                return Files.size(parquet);
            });
            ok &= report(out, parquetTime, csvTime, PARQUET_TARGET_S);
            out.printf(
                    Locale.ROOT,
                    "  file size: Parquet %,d bytes, CSV %,d bytes%n",
                    Files.size(parquet),
                    Files.size(csv));
        } finally {
            AtomicFiles.deleteTree(dir);
        }
        out.println();
        out.println(ok ? "all targets met" : "some targets missed");
        return ok;
    }

    private static boolean report(PrintStream out, Harness.Timing measured, Harness.Timing baseline, double target) {
        boolean met = measured.median() <= target;
        out.println(baseline.line());
        out.println(measured.line());
        out.printf(
                Locale.ROOT,
                "  ratio to baseline %.2fx; target %.2f s: %s%n%n",
                measured.median() / baseline.median(),
                target,
                met ? "met" : "MISSED");
        return met;
    }

    /** The 12 columns of the target: the 4 fixed ones and the first 8 sensors. */
    static SensorTable twelveColumns(SensorTable t) {
        List<String> names = new ArrayList<>(t.sensorNames().subList(0, 8));
        List<double[]> columns = new ArrayList<>(t.sensors().subList(0, 8));
        return new SensorTable(t.machineId(), t.timestampMicros(), t.cycle(), t.rul(), names, columns);
    }
}
