package dev.fleetsynth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.Problem;
import dev.fleetsynth.engine.profile.ProfileRead;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check a profile (JSON, YAML or .xlsx). Exit 0 when valid; exit 2 listing every problem when not.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the profile to check")
    Path file;

    @Option(
            names = "--json",
            description = "print the result as JSON: {valid, problems: [{path, message, suggestion}]}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ProfileRead result = Inputs.read(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            root.put("file", file.toString());
            root.put("valid", result instanceof ProfileRead.Valid);
            ArrayNode problems = root.putArray("problems");
            if (result instanceof ProfileRead.Invalid invalid) {
                for (Problem p : invalid.problems()) {
                    problems.addObject()
                            .put("path", p.path())
                            .put("message", p.message())
                            .put("suggestion", p.suggestion());
                }
            }
            out.println(mapper.writeValueAsString(root));
            return result instanceof ProfileRead.Valid ? 0 : Main.USAGE;
        }
        if (result instanceof ProfileRead.Valid valid) {
            MachineProfile p = valid.profile();
            out.printf(
                    "valid: %s (%s, %s, %s, %s of ~%s h, %s) in %s%n",
                    p.machineId(),
                    p.machineType(),
                    Numbers.of(p.sensors().size(), "sensor"),
                    Numbers.of(p.failureModes().size(), "failure mode"),
                    Numbers.of(p.rul().cycles(), "cycle"),
                    Numbers.plain(p.rul().maxRul()),
                    p.rul().pattern().wireName(),
                    file);
            return 0;
        }
        ProfileRead.Invalid invalid = (ProfileRead.Invalid) result;
        out.printf("invalid: %s in %s%n", Numbers.of(invalid.problems().size(), "problem"), file);
        for (Problem p : invalid.problems()) {
            out.printf("  %s: %s%n", p.path(), p.message());
            out.printf("      fix: %s%n", p.suggestion());
        }
        return Main.USAGE;
    }
}
