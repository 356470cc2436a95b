package dev.fleetsynth.cli;

import dev.fleetsynth.engine.catalog.Templates;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "templates", mixinStandardHelpOptions = true, description = "List the profile templates.")
final class TemplatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int width = Templates.names().stream().mapToInt(String::length).max().orElse(0);
        for (Templates.Template t : Templates.all()) {
            spec.commandLine().getOut().printf("%-" + width + "s  %s%n", t.name(), t.description());
        }
        return 0;
    }
}
