package dev.fleetsynth.cli;

import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a profile file named on the command line, turning I/O failures into one-line errors. */
final class ProfileFiles {
    private ProfileFiles() {
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
}
