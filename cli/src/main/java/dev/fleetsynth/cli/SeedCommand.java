package dev.fleetsynth.cli;

import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.seed.SeedFiles;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = "Generate physics-based run-to-failure seed data into DIR/seed.parquet, and its holdout "
                + "(another draw, for testing the quality report's RUL regressors on) into DIR/holdout.parquet.")
final class SeedCommand implements Callable<Integer> {
    static final String FILE_NAME = "seed.parquet";
    static final String HOLDOUT_FILE_NAME = "holdout.parquet";

    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(
                names = "--machine",
                paramLabel = "ID",
                description = "a machine of the catalog (see: fleetsynth catalog)")
        String machine;

        @Option(names = "--profile", paramLabel = "FILE", description = "a profile file (JSON, YAML or .xlsx)")
        Path profile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "" + SeedOptions.DEFAULT_ROWS,
            description = "rows over all cycles, " + SeedOptions.MIN_ROWS + ".." + SeedOptions.MAX_ROWS
                    + " (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "" + SeedOptions.DEFAULT_RANDOM_SEED,
            description = "random seed; the same seed gives the same data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, created if missing")
    Path out;

    @Override
    public Integer call() {
        MachineProfile profile = profile();
        if (rows < SeedOptions.MIN_ROWS || rows > SeedOptions.MAX_ROWS) {
            throw CliException.usage(
                    "--rows must be " + SeedOptions.MIN_ROWS + ".." + SeedOptions.MAX_ROWS + ", got " + rows);
        }
        Inputs.requireDirectory(out);
        Path file = out.resolve(FILE_NAME);
        long start = System.nanoTime();
        SensorTable table;
        try (ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr())) {
            table = SeedFiles.write(
                            profile,
                            new SeedOptions(rows, seed),
                            file,
                            out.resolve(HOLDOUT_FILE_NAME),
                            bar.phase("holdout", 0, 0.5),
                            bar.phase("seed", 0.5, 1))
                    .seed();
        } catch (IOException e) {
            throw CliException.failure("cannot write " + file + ": " + Names.reason(e));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw CliException.failure("cannot read back " + file + ": " + Names.reason(e));
        }
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "wrote %s: %s rows, %d cycles, %d sensors, %s in %.2f s; its holdout in %s%n",
                        file,
                        Numbers.count(table.rows()),
                        table.cycles(),
                        table.sensorNames().size(),
                        Numbers.bytes(size),
                        seconds,
                        out.resolve(HOLDOUT_FILE_NAME));
        return 0;
    }

    private MachineProfile profile() {
        return source.machine != null ? Inputs.catalogMachine(source.machine) : Inputs.validProfile(source.profile);
    }
}
