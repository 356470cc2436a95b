package dev.fleetsynth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.quality.QualityReport;
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

@Command(name = "quality", description = "Score synthetic data against real data (CSV or Parquet); prints the JSON report.")
final class QualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--real", paramLabel = "FILE", required = true, description = "the real data, .csv or .parquet")
    Path real;

    @Option(names = "--synthetic", paramLabel = "FILE", required = true, description = "the synthetic data, .csv or .parquet")
    Path synthetic;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "seed of the utility regressor (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--summary", description = "print the readable summary instead of JSON")
    boolean summary;

    @Override
    public Integer call() throws IOException {
        QualityReport report;
        if (isParquet(real) && isParquet(synthetic)) {
            report = QualityReport.evaluate(Inputs.sensorTable(real), Inputs.sensorTable(synthetic), seed);
        } else {
            report = QualityReport.evaluate(readAny(real), readAny(synthetic), seed);
        }
        if (summary) {
            spec.commandLine().getOut().println(report.summary());
        } else {
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toJson()));
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
                return ColumnTable.learnable(ParquetTables.read(p));
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
