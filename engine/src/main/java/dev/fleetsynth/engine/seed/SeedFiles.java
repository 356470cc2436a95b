package dev.fleetsynth.engine.seed;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A seed on disk, with its holdout (see {@link SeedOptions#holdout()}) beside it, each with its
 * provenance (kind, machine type, random seed) in the Parquet footer, the same wherever it is made.
 */
public final class SeedFiles {
    private SeedFiles() {}

    /** A seed and its holdout. */
    public record Seeds(SensorTable seed, SensorTable holdout) {}

    /**
     * Generates the seed and its holdout and writes each atomically, the holdout first, so that a
     * seed file always has its holdout beside it.
     */
    public static Seeds write(
            MachineProfile profile,
            SeedOptions options,
            Path seedFile,
            Path holdoutFile,
            ProgressListener holdoutProgress,
            ProgressListener seedProgress)
            throws IOException {
        SeedOptions holdoutOptions = options.holdout();
        SensorTable holdout = SeedGenerator.generate(profile, holdoutOptions, holdoutProgress);
        ParquetTables.write(holdout, holdoutFile, footer("holdout", profile, holdoutOptions), ProgressListener.NONE);
        SensorTable seed = SeedGenerator.generate(profile, options, seedProgress);
        ParquetTables.write(seed, seedFile, footer("seed", profile, options), ProgressListener.NONE);
        return new Seeds(seed, holdout);
    }

    private static Map<String, String> footer(String kind, MachineProfile profile, SeedOptions options) {
        return Map.of(
                "fleetsynth.kind",
                kind,
                "fleetsynth.machine_type",
                profile.machineType(),
                "fleetsynth.random_seed",
                Long.toString(options.randomSeed()));
    }
}
