package dev.fleetsynth.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fleetsynth} command. */
@Command(
        name = "fleetsynth",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Synthetic run-to-failure sensor data for predictive maintenance.",
        footer = {"", "The platform (services, API and dashboard): ./fleetsynth up"},
        subcommands = {
            CatalogCommand.class,
            TemplatesCommand.class,
            TemplateCommand.class,
            ValidateCommand.class,
            SeedCommand.class,
            IngestCommand.class,
            TrainCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            QualityCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for input the user must fix (bad arguments, invalid profiles). */
    static final int USAGE = 2;
    /** Exit code for a command that could not do its work (unwritable output, unreadable file). */
    static final int FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandName();
            String message =
                    ex.getMessage().startsWith("Error: ") ? ex.getMessage().substring(7) : ex.getMessage();
            err.println("fleetsynth: " + message + " (see: fleetsynth "
                    + ("fleetsynth".equals(command) ? "" : command + " ") + "--help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof CliException e) {
                err.println("fleetsynth: " + e.getMessage());
                return e.exitCode();
            }
            // Anything else is our bug or the environment's; say what, without a stack trace.
            err.println("fleetsynth: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null
                            ? ""
                            : ": " + ex.getMessage().lines().findFirst().orElse("")));
            return FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fleetsynth " + dev.fleetsynth.engine.FleetsynthVersion.current()};
        }
    }
}
