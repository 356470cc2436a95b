package dev.fleetsynth.cli;

/** A failure the CLI reports as one line on stderr, with the given exit code. */
final class CliException extends RuntimeException {
    private final int exitCode;

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(message, Main.USAGE);
    }

    static CliException failure(String message) {
        return new CliException(message, Main.FAILURE);
    }

    int exitCode() {
        return exitCode;
    }
}
