package dev.fleetsynth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.seed.SeedFiles;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.TvaeSynthesizer;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.TrainingDivergedException;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "The whole pipeline in one process: seed, train, generate and score, for one machine or the "
                        + "whole catalog. Lays out DIR/<machine_id>/seed.parquet, model/, dataset/ and writes DIR/summary.json.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--machine", paramLabel = "ID", description = "a machine of the catalog")
        String machine;

        @Option(names = "--profile", paramLabel = "FILE", description = "a profile file (JSON, YAML or .xlsx)")
        Path profile;

        @Option(names = "--all", description = "every machine of the catalog")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--model",
            paramLabel = "KIND",
            defaultValue = "auto",
            description =
                    "trajectory, tvae or auto: the trajectory model for the simulator's run-to-failure seeds (default: ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--epochs",
            paramLabel = "E",
            defaultValue = "" + TvaeConfig.DEFAULT_EPOCHS,
            description = "TVAE training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--seed-rows",
            paramLabel = "N",
            defaultValue = "" + SeedOptions.DEFAULT_ROWS,
            description = "seed rows (default: ${DEFAULT-VALUE})")
    int seedRows;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "" + GenerateCommand.DEFAULT_ROWS,
            description = "synthetic rows, split 70/15/15 (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, created if missing")
    Path out;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "machines trained at once, sharing the cores "
                    + "(default: the number of cores); results do not depend on it")
    Integer jobs;

    record Row(
            String machineId,
            String category,
            double seedSeconds,
            double trainSeconds,
            int epochs,
            double finalLoss,
            double generateSeconds,
            QualityReport quality,
            String error) {}

    @Override
    public Integer call() {
        if (epochs < TvaeConfig.MIN_EPOCHS || epochs > TvaeConfig.MAX_EPOCHS) {
            throw CliException.usage(
                    "--epochs must be " + TvaeConfig.MIN_EPOCHS + ".." + TvaeConfig.MAX_EPOCHS + ", got " + epochs);
        }
        if (seedRows < SeedOptions.MIN_ROWS || seedRows > SeedOptions.MAX_ROWS) {
            throw CliException.usage(
                    "--seed-rows must be " + SeedOptions.MIN_ROWS + ".." + SeedOptions.MAX_ROWS + ", got " + seedRows);
        }
        SplitSizes split = GenerateCommand.splitSizes(sizes(rows));
        Inputs.requireDirectory(out);
        List<MachineProfile> profiles = profiles();
        if (jobs != null && jobs < 1) {
            throw CliException.usage("--jobs must be >= 1, got " + jobs);
        }
        int workers = Math.min(
                profiles.size(), jobs != null ? jobs : Runtime.getRuntime().availableProcessors());
        int threads = TvaeConfig.threadsBeside(workers);
        PrintWriter o = spec.commandLine().getOut();
        long start = System.nanoTime();
        o.println(header());
        o.flush();
        // A training gives the same model on one thread or two, so machines can train side by side,
        // sharing the cores, and give the same results as one after another.
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Row> rowsDone;
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (MachineProfile profile : profiles) {
                futures.add(pool.submit(() -> {
                    Row row = runOne(profile, split, threads, workers == 1);
                    synchronized (o) {
                        o.println(line(row));
                        o.flush();
                    }
                    return row;
                }));
            }
            rowsDone = new ArrayList<>();
            for (Future<Row> f : futures) {
                rowsDone.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        } catch (ExecutionException e) {
            throw CliException.failure("a pipeline failed unexpectedly: " + e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double total = (System.nanoTime() - start) / 1e9;
        long failed = rowsDone.stream().filter(r -> r.error() != null).count();
        long poor = rowsDone.stream()
                .filter(r -> r.quality() != null && !r.quality().passed())
                .count();
        o.printf(
                Locale.ROOT,
                "%d machine%s in %.1f s; %d failed, %d below the %.2f quality minimum; summary in %s%n",
                rowsDone.size(),
                rowsDone.size() == 1 ? "" : "s",
                total,
                failed,
                poor,
                0.75,
                out.resolve("summary.json"));
        writeSummary(rowsDone, total);
        return failed > 0 ? Main.FAILURE : 0;
    }

    private static GenerateCommand.Sizes sizes(int rows) {
        GenerateCommand.Sizes s = new GenerateCommand.Sizes();
        s.rows = rows;
        return s;
    }

    private List<MachineProfile> profiles() {
        if (source.all) {
            return Catalog.machines().stream().map(Catalog.Entry::profile).toList();
        }
        return List.of(
                source.machine != null ? Inputs.catalogMachine(source.machine) : Inputs.validProfile(source.profile));
    }

    private Row runOne(MachineProfile profile, SplitSizes split, int threads, boolean showProgress) {
        Path dir = out.resolve(profile.machineId());
        double seedSeconds = 0;
        double trainSeconds = 0;
        try {
            long t0 = System.nanoTime();
            SeedFiles.Seeds seeds = SeedFiles.write(
                    profile,
                    new SeedOptions(seedRows, seed),
                    dir.resolve(SeedCommand.FILE_NAME),
                    dir.resolve(SeedCommand.HOLDOUT_FILE_NAME),
                    ProgressListener.NONE,
                    ProgressListener.NONE);
            SensorTable seedTable = seeds.seed();
            long t1 = System.nanoTime();
            seedSeconds = (t1 - t0) / 1e9;
            SourceTable seedSource = SourceTable.of(seedTable);
            ModelKind kind = ModelKind.parse(model, seedSource.schema());
            FitOptions options =
                    FitOptions.defaults().withEpochs(epochs).withSeed(seed).withThreads(threads);
            ModelTraining.Trained trained;
            try (ProgressBar bar = showProgress
                    ? ProgressBar.onTerminal(spec.commandLine().getErr())
                    : new ProgressBar(spec.commandLine().getErr(), false, System::nanoTime)) {
                trained = ModelTraining.train(
                        seedSource,
                        null,
                        kind,
                        options,
                        p -> bar.update(
                                String.format(
                                        Locale.ROOT, "%s epoch %d/%d", profile.machineId(), p.epoch(), p.epochs()),
                                (double) p.epoch() / p.epochs()),
                        () -> false);
            }
            trained.save(dir.resolve("model"));
            long t2 = System.nanoTime();
            trainSeconds = (t2 - t1) / 1e9;
            DatasetGenerator.Dataset dataset = GenerateCommand.generate(
                    trained.model(),
                    dir.resolve("model"),
                    seedSource,
                    SourceTable.of(seeds.holdout()),
                    split,
                    seed,
                    dir.resolve("dataset"),
                    DatasetGenerator.Format.PARQUET);
            double genSeconds = (System.nanoTime() - t2) / 1e9;
            // epochs and loss are the TVAE's; the trajectory model is fitted in closed form
            TvaeModel.TrainingSummary t = trained.model() instanceof TvaeSynthesizer tvae
                    ? tvae.model().training()
                    : null;
            return new Row(
                    profile.machineId(),
                    profile.machineType(),
                    seedSeconds,
                    trainSeconds,
                    t == null ? 0 : t.lossCurve().length,
                    t == null ? Double.NaN : t.finalLoss(),
                    genSeconds,
                    dataset.quality(),
                    null);
        } catch (IOException | TrainingDivergedException | IllegalArgumentException | CliException e) {
            return new Row(
                    profile.machineId(),
                    profile.machineType(),
                    seedSeconds,
                    trainSeconds,
                    0,
                    Double.NaN,
                    0,
                    null,
                    e instanceof IOException io ? Names.reason(io) : e.getMessage());
        }
    }

    static String header() {
        return String.format(
                Locale.ROOT,
                "%-36s %-13s %7s %7s %9s %7s %8s %7s %7s %-10s %8s",
                "machine",
                "category",
                "seed_s",
                "train_s",
                "loss",
                "gen_s",
                "overall",
                "shapes",
                "pairs",
                "grade",
                "utility");
    }

    static String line(Row r) {
        if (r.error() != null) {
            return String.format(Locale.ROOT, "%-36s %-13s FAILED: %s", r.machineId(), r.category(), r.error());
        }
        QualityReport q = r.quality();
        return String.format(
                Locale.ROOT,
                "%-36s %-13s %7.2f %7.1f %9.3f %7.2f %8.3f %7.3f %7.3f %-10s %8s",
                r.machineId(),
                r.category(),
                r.seedSeconds(),
                r.trainSeconds(),
                r.finalLoss(),
                r.generateSeconds(),
                q.overall(),
                q.columnShapes(),
                q.columnPairTrends(),
                q.grade().label(),
                q.utility() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.2f", q.utility().ratio()));
    }

    private void writeSummary(List<Row> rows, double totalSeconds) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("epochs", epochs);
        root.put("seed_rows", seedRows);
        root.put("synthetic_rows", this.rows);
        root.put("seed", seed);
        root.put("total_seconds", totalSeconds);
        ArrayNode machines = root.putArray("machines");
        for (Row r : rows) {
            ObjectNode m = machines.addObject();
            m.put("machine_id", r.machineId());
            m.put("category", r.category());
            if (r.error() != null) {
                m.put("error", r.error());
                continue;
            }
            m.put("seed_seconds", r.seedSeconds());
            m.put("train_seconds", r.trainSeconds());
            m.put("epochs", r.epochs());
            m.put("final_loss", r.finalLoss());
            m.put("generate_seconds", r.generateSeconds());
            m.put("overall", r.quality().overall());
            m.put("column_shapes", r.quality().columnShapes());
            m.put("column_pair_trends", r.quality().columnPairTrends());
            m.put("grade", r.quality().grade().label());
            if (r.quality().utility() != null) {
                m.put("utility_rmse_ratio", r.quality().utility().ratio());
            }
        }
        try {
            AtomicFiles.write(
                    out.resolve("summary.json"),
                    (mapper.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw CliException.failure("cannot write " + out.resolve("summary.json") + ": " + Names.reason(e));
        }
    }
}
