package dev.fleetsynth.cli;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the command line names: catalog machines, profile and data files, output directories; failures as one-line errors. */
final class Inputs {
    private Inputs() {}

    static MachineProfile catalogMachine(String id) {
        return Catalog.profile(id)
                .orElseThrow(() -> CliException.usage("unknown machine '" + id + "'"
                        + Names.didYouMean(
                                id,
                                Catalog.machines().stream()
                                        .map(Catalog.Entry::machineId)
                                        .toList()) + "; see: fleetsynth catalog"));
    }

    /** The profile in a file, or a usage error that names its first problem. */
    static MachineProfile validProfile(Path file) {
        ProfileRead read = read(file);
        if (read instanceof ProfileRead.Valid valid) {
            return valid.profile();
        }
        ProfileRead.Invalid invalid = (ProfileRead.Invalid) read;
        throw CliException.usage("the profile " + file + " is invalid ("
                + Numbers.of(invalid.problems().size(), "problem") + ", first: "
                + invalid.problems().get(0) + "); see all with: fleetsynth validate " + file);
    }

    /** An output directory must be a directory or not exist yet. */
    static void requireDirectory(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw CliException.usage("--out " + out + " is a file; give a directory");
        }
    }

    static ProfileRead read(Path file) {
        if (!Files.exists(file)) {
            throw CliException.usage("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw CliException.usage(file + " is a directory; give a .json, .yaml or .xlsx profile");
        }
        try {
            return new ProfileReader().read(file);
        } catch (IOException e) {
            throw CliException.failure("cannot read " + file + ": " + Names.reason(e));
        }
    }

    /** A source (a seed, ingested data, or synthetic data) from its Parquet file. */
    static SourceTable sourceTable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("no such file: " + file);
        }
        try {
            return SourceFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
