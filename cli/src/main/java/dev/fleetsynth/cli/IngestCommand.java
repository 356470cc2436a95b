package dev.fleetsynth.cli;

import dev.fleetsynth.engine.ingest.ColumnMapping;
import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.ingest.IngestException;
import dev.fleetsynth.engine.ingest.IngestOptions;
import dev.fleetsynth.engine.profile.MachineProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Bring your own run-to-failure data in: CSV or other delimited text (with or without a header), text separated "
                    + "by spaces, .xlsx, Parquet, JSON or JSON Lines, or a long historian export (timestamp, tag, value).",
            "Writes DIR/seed.parquet (the training units), DIR/holdout.parquet (the held-out units) and DIR/ingest.json "
                    + "(what was found and done, and the column mapping to reuse); then: fleetsynth train --seed-data DIR/seed.parquet.",
            "Options left out are detected from the data."
        })
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            required = true,
            description = "the data file; its format is read from its content")
    Path data;

    @Option(
            names = "--columns",
            paramLabel = "A,B,...",
            split = ",",
            description = "column names, for a file without a header row")
    List<String> columns;

    @Option(names = "--sheet", paramLabel = "NAME", description = "the workbook sheet to read (default: the first)")
    String sheet;

    @Option(names = "--unit", paramLabel = "COL", description = "the unit or asset id column")
    String unit;

    @Option(
            names = "--order",
            paramLabel = "COL",
            description = "the order column: a timestamp or a counter such as cycles")
    String order;

    @Option(names = "--rul", paramLabel = "COL", description = "a RUL column the file gives")
    String rul;

    @Option(names = "--rul-from-end", description = "every unit runs to failure at its last row: RUL counts down to it")
    boolean rulFromEnd;

    @Option(
            names = "--rul-cap",
            paramLabel = "N",
            description = "write RUL above N as N (piecewise-linear RUL, e.g. 125)")
    Double rulCap;

    @Option(
            names = "--failure",
            paramLabel = "COL",
            description = "a 0/1 failure flag or event column: RUL counts down to each failure")
    String failure;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description = "a machine profile to map the columns onto (JSON, YAML or .xlsx)")
    Path profile;

    @Option(names = "--machine", paramLabel = "ID", description = "a catalog machine to map the columns onto")
    String machine;

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "a saved mapping (mapping.json or an earlier ingest.json) for a file of the same columns")
    Path mapping;

    @Option(
            names = "--holdout-units",
            paramLabel = "FRACTION",
            defaultValue = "" + IngestOptions.DEFAULT_HOLDOUT,
            description = "share of the units held out from training (default: ${DEFAULT-VALUE})")
    double holdoutUnits;

    @Option(
            names = "--missing",
            paramLabel = "fill|drop",
            defaultValue = "fill",
            description =
                    "missing values: fill from the unit's previous value, or drop the row (default: ${DEFAULT-VALUE})")
    String missing;

    @Option(
            names = "--machine-id",
            paramLabel = "ID",
            description = "the machine id the data belongs to (default: from the profile or the file name)")
    String machineId;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "random seed of the held-out units (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--max-size",
            paramLabel = "MB",
            defaultValue = "500",
            description = "refuse larger files (default: ${DEFAULT-VALUE} MB)")
    long maxMegabytes;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, created if missing")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(data)) {
            throw CliException.usage("no such file: " + data);
        }
        if (profile != null && machine != null) {
            throw CliException.usage("give --profile or --machine, not both");
        }
        if (!(holdoutUnits >= 0 && holdoutUnits < 1)) {
            throw CliException.usage("--holdout-units must be at least 0 and below 1, got " + holdoutUnits);
        }
        if (rulCap != null && !(rulCap > 0)) {
            throw CliException.usage("--rul-cap must be positive, got " + rulCap);
        }
        if (rul != null && rulFromEnd) {
            throw CliException.usage("give --rul or --rul-from-end, not both");
        }
        if (maxMegabytes < 1) {
            throw CliException.usage("--max-size must be at least 1 MB, got " + maxMegabytes);
        }
        IngestOptions.Missing policy = switch (missing.toLowerCase(Locale.ROOT)) {
            case "fill" -> IngestOptions.Missing.FILL;
            case "drop" -> IngestOptions.Missing.DROP;
            default -> throw CliException.usage("--missing must be fill or drop, got " + missing);
        };
        MachineProfile target = machine != null
                ? Inputs.catalogMachine(machine)
                : profile != null ? Inputs.validProfile(profile) : null;
        ColumnMapping saved = null;
        if (mapping != null) {
            try {
                saved = ColumnMapping.read(mapping);
            } catch (IOException e) {
                throw CliException.usage("cannot read the mapping " + mapping + ": " + Names.reason(e));
            }
        }
        IngestOptions o = IngestOptions.defaults()
                .withColumns(columns)
                .withSheet(sheet)
                .withRoles(unit, order, rul, rulFromEnd, failure)
                .withRulCap(rulCap)
                .withProfile(target)
                .withMapping(saved)
                .withHoldout(holdoutUnits, seed)
                .withMissing(policy)
                .withMachineId(machineId)
                .withMaxBytes(maxMegabytes * 1024 * 1024);
        Inputs.requireDirectory(out);
        try (ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr())) {
            Ingest.Result r = Ingest.run(
                    data,
                    o,
                    out,
                    (done, total) -> bar.update("ingest step " + done + "/" + total, (double) done / total));
            bar.close();
            spec.commandLine().getOut().print(r.report().toText());
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "wrote %s, %s and %s%n",
                            r.seed(),
                            r.holdout(),
                            out.resolve(Ingest.REPORT_FILE));
            return 0;
        } catch (IngestException e) {
            throw CliException.usage("cannot ingest " + data + ": "
                    + String.join(
                            "; ", e.problems().stream().map(Object::toString).toList()));
        } catch (IOException e) {
            throw CliException.failure("cannot ingest " + data + ": " + Names.reason(e));
        }
    }
}
