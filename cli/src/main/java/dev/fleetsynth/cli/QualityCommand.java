package dev.fleetsynth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.CsvTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "quality",
        mixinStandardHelpOptions = true,
        description = "Score synthetic data against real data (CSV or Parquet); prints the JSON report.")
final class QualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--real", paramLabel = "FILE", required = true, description = "the real data, .csv or .parquet")
    Path real;

    @Option(
            names = "--synthetic",
            paramLabel = "FILE",
            required = true,
            description = "the synthetic data, .csv or .parquet")
    Path synthetic;

    @Option(
            names = "--holdout",
            paramLabel = "FILE",
            description = "real rows the synthesizer never saw (.csv or .parquet, with a "
                    + "rul column), to test the utility regressors on; without it, the last real cycles are held out")
    Path holdout;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "seed of the utility regressor (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--summary", description = "print the readable summary instead of JSON")
    boolean summary;

    @Override
    public Integer call() throws IOException {
        QualityReport report;
        if (isParquet(real) && isParquet(synthetic) && (holdout == null || isParquet(holdout))) {
            SourceTable syn = Inputs.sourceTable(synthetic);
            SourceTable unseen = holdout == null ? null : Inputs.sourceTable(holdout);
            if (unseen != null && unseen.rul() == null) {
                throw CliException.usage("--holdout " + holdout
                        + " needs a numeric rul column: the utility regressors are tested on it");
            }
            report = QualityReport.evaluate(Inputs.sourceTable(real), syn, syn, unseen, seed);
        } else if (holdout == null) {
            report = QualityReport.evaluate(readAny(real), readAny(synthetic), seed);
        } else {
            ColumnTable unseen = readAny(holdout);
            if (!(unseen.column(ParquetTables.RUL).orElse(null) instanceof Column.Numeric)) {
                throw CliException.usage("--holdout " + holdout
                        + " needs a numeric rul column: the utility regressors are tested on it");
            }
            report = QualityReport.evaluate(readAny(real), readAny(synthetic), unseen, seed);
        }
        if (summary) {
            spec.commandLine().getOut().println(report.summary());
        } else {
            spec.commandLine()
                    .getOut()
                    .println(new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(report.toJson()));
        }
        return 0;
    }

    private static boolean isParquet(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private static ColumnTable readAny(Path p) {
        if (!Files.isRegularFile(p)) {
            throw CliException.usage("no such file: " + p);
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".parquet")) {
                return SourceFiles.read(p).learnable();
            }
            if (name.endsWith(".csv")) {
                return CsvTables.read(p);
            }
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("cannot read " + p + ": " + e.getMessage());
        }
        throw CliException.usage("unsupported file " + p + ": give .csv or .parquet");
    }
}
