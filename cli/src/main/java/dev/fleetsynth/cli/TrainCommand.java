package dev.fleetsynth.cli;

import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.TrainingDivergedException;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Train a TVAE on seed data; writes DIR/model.params and DIR/model.json.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed-data", paramLabel = "FILE", required = true, description = "seed Parquet file (from: fleetsynth seed)")
    Path seedData;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "" + TvaeConfig.DEFAULT_EPOCHS,
            description = "training epochs, " + TvaeConfig.MIN_EPOCHS + ".." + TvaeConfig.MAX_EPOCHS + " (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--early-stop", paramLabel = "PATIENCE", defaultValue = "0",
            description = "stop when the loss has not improved for this many epochs (default: off)")
    int patience;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "model directory, created if missing")
    Path out;

    @Override
    public Integer call() {
        TvaeModel model = train(spec, seedData, epochs, seed, patience);
        save(model, out);
        TvaeModel.TrainingSummary t = model.training();
        spec.commandLine().getOut().printf(Locale.ROOT, "trained %s: %d epochs, final loss %.4f, %.1f s (%.2f ms/step); model in %s%n",
                model.info().machineId(), t.lossCurve().length, t.finalLoss(), t.seconds(), t.stepTimes().totalMs(), out);
        return 0;
    }

    static TvaeModel train(CommandSpec spec, Path seedData, int epochs, long seed, int patience) {
        if (epochs < TvaeConfig.MIN_EPOCHS || epochs > TvaeConfig.MAX_EPOCHS) {
            throw CliException.usage("--epochs must be " + TvaeConfig.MIN_EPOCHS + ".." + TvaeConfig.MAX_EPOCHS + ", got " + epochs);
        }
        if (patience < 0) {
            throw CliException.usage("--early-stop must be >= 0, got " + patience);
        }
        SensorTable seedTable = Inputs.sensorTable(seedData);
        TvaeConfig config = TvaeConfig.defaults().withEpochs(epochs).withSeed(seed).withEarlyStop(patience, 1e-3);
        try (ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr())) {
            return TvaeModel.train(seedTable, config, p -> bar.update(String.format(Locale.ROOT, "epoch %d/%d loss %.3f eta %ds",
                    p.epoch(), p.epochs(), p.loss(), p.eta().toSeconds()), (double) p.epoch() / p.epochs()), () -> false);
        } catch (TrainingDivergedException e) {
            throw CliException.failure("training diverged: " + e.getMessage() + "; try another --seed");
        }
    }

    static void save(TvaeModel model, Path dir) {
        Inputs.requireDirectory(dir);
        try {
            model.save(dir);
        } catch (IOException e) {
            throw CliException.failure("cannot write the model to " + dir + ": " + Names.reason(e));
        }
    }
}
