package dev.fleetsynth.cli;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seed", description = "Generate physics-based run-to-failure seed data into DIR/seed.parquet, and its holdout "
        + "(another draw, for testing the quality report's RUL regressors on) into DIR/holdout.parquet.")
final class SeedCommand implements Callable<Integer> {
    static final String FILE_NAME = "seed.parquet";
    static final String HOLDOUT_FILE_NAME = "holdout.parquet";

    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--machine", paramLabel = "ID", description = "a machine of the catalog (see: fleetsynth catalog)")
        String machine;

        @Option(names = "--profile", paramLabel = "FILE", description = "a profile file (JSON, YAML or .xlsx)")
        Path profile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + SeedOptions.DEFAULT_ROWS,
            description = "rows over all cycles, " + SeedOptions.MIN_ROWS + ".." + SeedOptions.MAX_ROWS + " (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SeedOptions.DEFAULT_RANDOM_SEED,
            description = "random seed; the same seed gives the same data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, created if missing")
    Path out;

    @Override
    public Integer call() {
        MachineProfile profile = profile();
        if (rows < SeedOptions.MIN_ROWS || rows > SeedOptions.MAX_ROWS) {
            throw CliException.usage("--rows must be " + SeedOptions.MIN_ROWS + ".." + SeedOptions.MAX_ROWS + ", got " + rows);
        }
        Inputs.requireDirectory(out);
        Path file = out.resolve(FILE_NAME);
        long start = System.nanoTime();
        SensorTable table;
        try (ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr())) {
            table = writeWithHoldout(profile, new SeedOptions(rows, seed), out, bar.phase("holdout", 0, 0.45), bar.phase("seed", 0.45, 1))
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
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s rows, %d cycles, %d sensors, %s in %.2f s; its holdout in %s%n",
                file, Numbers.count(table.rows()), table.cycles(), table.sensorNames().size(), Numbers.bytes(size), seconds,
                out.resolve(HOLDOUT_FILE_NAME));
        return 0;
    }

    /**
     * Generates the seed and its holdout and writes them into {@code dir} as {@value #FILE_NAME} and
     * {@value #HOLDOUT_FILE_NAME}, with their provenance (kind, machine type, random seed) in the
     * footers; the holdout first, so that a seed file always has its holdout beside it.
     */
    static Seeds writeWithHoldout(MachineProfile profile, SeedOptions options, Path dir, ProgressListener holdoutProgress,
                                  ProgressListener seedProgress) throws IOException {
        SeedOptions holdoutOptions = options.holdout();
        SensorTable holdout = SeedGenerator.generate(profile, holdoutOptions, holdoutProgress);
        write(holdout, profile, "holdout", holdoutOptions.randomSeed(), dir.resolve(HOLDOUT_FILE_NAME));
        SensorTable seed = SeedGenerator.generate(profile, options, seedProgress);
        write(seed, profile, "seed", options.randomSeed(), dir.resolve(FILE_NAME));
        return new Seeds(seed, holdout);
    }

    /** A seed and its holdout. */
    record Seeds(SensorTable seed, SensorTable holdout) {
    }

    private static void write(SensorTable table, MachineProfile profile, String kind, long seed, Path file) throws IOException {
        ParquetTables.write(table, file, Map.of("fleetsynth.kind", kind, "fleetsynth.machine_type", profile.machineType(),
                "fleetsynth.random_seed", Long.toString(seed)), ProgressListener.NONE);
    }

    private MachineProfile profile() {
        return source.machine != null ? Inputs.catalogMachine(source.machine) : Inputs.validProfile(source.profile);
    }
}
