package dev.fleetsynth.cli;

import dev.fleetsynth.engine.catalog.Catalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "List the built-in fleet: one line per machine, id and category.")
final class CatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int width = Catalog.machines().stream()
                .mapToInt(e -> e.machineId().length())
                .max()
                .orElse(0);
        for (Catalog.Entry e : Catalog.machines()) {
            spec.commandLine().getOut().printf("%-" + width + "s  %s%n", e.machineId(), e.category());
        }
        return 0;
    }
}
