package dev.fleetsynth.cli;

import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelSummary;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.TvaeSynthesizer;
import dev.fleetsynth.engine.tvae.TrainingDivergedException;
import dev.fleetsynth.engine.tvae.TrainingResult;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a model on seed data (from fleetsynth seed or fleetsynth ingest); writes DIR/model.json (and DIR/model.params for a TVAE).")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--seed-data",
            paramLabel = "FILE",
            required = true,
            description = "seed Parquet file (from: fleetsynth seed, fleetsynth ingest)")
    Path seedData;

    @Option(
            names = "--holdout-data",
            paramLabel = "FILE",
            description = "held-out units of the same data (default: holdout.parquet beside "
                    + "the seed when it came from fleetsynth ingest)")
    Path holdoutData;

    @Option(
            names = "--model",
            paramLabel = "KIND",
            defaultValue = "auto",
            description =
                    "trajectory, tvae or auto: trajectory for "
                            + "run-to-failure data (a simulator seed or your own), tvae for tables without units or RUL (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(
            names = "--epochs",
            paramLabel = "E",
            defaultValue = "" + TvaeConfig.DEFAULT_EPOCHS,
            description = "TVAE: at most this many training epochs, " + TvaeConfig.MIN_EPOCHS + ".."
                    + TvaeConfig.MAX_EPOCHS + "; exactly this many with --early-stop 0 (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--early-stop",
            paramLabel = "PATIENCE",
            defaultValue = "" + FitOptions.DEFAULT_PATIENCE,
            description =
                    "TVAE: stop when the quality of a draw against the held-out rows (else the seed's rows) has not improved "
                            + "for this many epochs, and keep the best epoch; 0 trains every epoch of --epochs (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "model directory, created if missing")
    Path out;

    @Override
    public Integer call() {
        if (epochs < TvaeConfig.MIN_EPOCHS || epochs > TvaeConfig.MAX_EPOCHS) {
            throw CliException.usage(
                    "--epochs must be " + TvaeConfig.MIN_EPOCHS + ".." + TvaeConfig.MAX_EPOCHS + ", got " + epochs);
        }
        if (patience < 0) {
            throw CliException.usage("--early-stop must be >= 0, got " + patience);
        }
        SourceTable seedTable = Inputs.sourceTable(seedData);
        SourceTable holdout = holdout(seedData, holdoutData, seedTable);
        ModelKind modelKind;
        try {
            modelKind = ModelKind.parse(kind, seedTable.schema());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--model: " + e.getMessage());
        }
        FitOptions options =
                FitOptions.defaults().withEpochs(epochs).withSeed(seed).withPatience(patience);
        ModelTraining.Trained trained;
        try (ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr())) {
            trained = ModelTraining.train(
                    seedTable,
                    holdout,
                    modelKind,
                    options,
                    p -> bar.update(
                            String.format(
                                    Locale.ROOT,
                                    "epoch %d/%d loss %.3f eta %ds",
                                    p.epoch(),
                                    p.epochs(),
                                    p.loss(),
                                    p.eta().toSeconds()),
                            (double) p.epoch() / p.epochs()),
                    () -> false);
        } catch (TrainingDivergedException e) {
            throw CliException.failure("training diverged: " + e.getMessage() + "; try another --seed");
        } catch (IllegalArgumentException e) {
            throw CliException.usage("cannot train on " + seedData + ": " + e.getMessage());
        }
        Inputs.requireDirectory(out);
        try {
            trained.save(out);
        } catch (IOException e) {
            throw CliException.failure("cannot write the model to " + out + ": " + Names.reason(e));
        }
        spec.commandLine().getOut().println(describe(trained, out));
        return 0;
    }

    static String describe(ModelTraining.Trained trained, Path out) {
        if (trained.model() instanceof TvaeSynthesizer tvae) {
            TvaeModel model = tvae.model();
            TvaeModel.TrainingSummary t = model.training();
            String epochs = t.outcome() == TrainingResult.Outcome.STOPPED_EARLY
                    ? String.format(
                            Locale.ROOT,
                            "stopped after %d of %d epochs (quality no longer improving; kept its best epoch)",
                            t.lossCurve().length,
                            model.config().epochs())
                    : t.lossCurve().length + " epochs";
            return String.format(
                    Locale.ROOT,
                    "trained %s: %s, final loss %.4f, %.1f s (%.2f ms/step); model in %s",
                    model.info().machineId(),
                    epochs,
                    t.finalLoss(),
                    t.seconds(),
                    t.stepTimes().totalMs(),
                    out);
        }
        ModelSummary s = trained.model().summary();
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "trained %s (%s model): %s lives, %d failure modes, clock %s, %.2f s",
                s.machineId(),
                trained.kind().label(),
                s.details().get("lives"),
                ((java.util.List<?>) s.details().get("modes")).size(),
                s.details().get("clock"),
                s.seconds()));
        if (trained.heldOut() != null && trained.heldOut().utility() != null) {
            var u = trained.heldOut().utility();
            b.append(String.format(
                    Locale.ROOT,
                    "%n  on %d held-out units: RUL RMSE %.3g trained on synthetic vs %.3g on real (ratio %.2f; "
                            + "predicting the mean: %.3g); then refit on every unit",
                    trained.heldOut().units(),
                    u.rmseSyntheticTrained(),
                    u.rmseRealTrained(),
                    u.ratio(),
                    u.rmseMeanBaseline()));
        }
        return b.append(String.format(Locale.ROOT, "%nmodel in %s", out)).toString();
    }

    /** The held-out units: as given, or beside an ingested seed. A simulator seed's holdout is for reports, not training. */
    static SourceTable holdout(Path seedData, Path given, SourceTable seedTable) {
        if (given != null) {
            return Inputs.sourceTable(given);
        }
        Path beside = seedData.toAbsolutePath().getParent().resolve(Ingest.HOLDOUT_FILE);
        if (seedTable.schema().origin() != dev.fleetsynth.engine.source.SourceSchema.Origin.SIMULATED
                && Files.isRegularFile(beside)) {
            return Inputs.sourceTable(beside);
        }
        return null;
    }
}
