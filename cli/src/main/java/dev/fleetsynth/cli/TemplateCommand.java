package dev.fleetsynth.cli;

import dev.fleetsynth.engine.catalog.Templates;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.profile.ProfileFormat;
import dev.fleetsynth.engine.profile.ProfileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "template",
        mixinStandardHelpOptions = true,
        description = "Write a profile template as JSON, YAML or an Excel workbook.")
final class TemplateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "template name (see: fleetsynth templates)")
    String name;

    @Option(
            names = "--format",
            defaultValue = "yaml",
            paramLabel = "json|yaml|xlsx",
            description = "file format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "where to write; JSON and YAML go to standard output without it")
    Path out;

    @Override
    public Integer call() throws IOException {
        ProfileFormat f = ProfileFormat.fromName(format)
                .orElseThrow(() -> CliException.usage("unknown format '" + format + "'; use json, yaml or xlsx"));
        Templates.Template template = Templates.byName(name)
                .orElseThrow(() -> CliException.usage("unknown template '" + name + "'"
                        + Names.didYouMean(name, Templates.names()) + "; see: fleetsynth templates"));
        byte[] bytes = new ProfileWriter().write(template.profile(), f);
        if (out == null) {
            if (f == ProfileFormat.XLSX) {
                throw CliException.usage("an xlsx workbook needs --out FILE");
            }
            spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            AtomicFiles.write(out, bytes);
        } catch (IOException e) {
            throw CliException.failure("cannot write " + out + ": " + Names.reason(e));
        }
        spec.commandLine()
                .getOut()
                .println("wrote template " + name + " to " + out + " (" + f.extension() + ", " + bytes.length
                        + " bytes)");
        return 0;
    }
}
