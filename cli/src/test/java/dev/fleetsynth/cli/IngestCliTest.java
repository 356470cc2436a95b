package dev.fleetsynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A user's own data through the command line: ingest, then train, generate and quality as they are, with defaults. */
class IngestCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "catalog",
                "templates",
                "template",
                "validate",
                "seed",
                "ingest",
                "train",
                "generate",
                "run",
                "quality"
            })
    void everySubcommandAnswersHelpEvenWithoutItsRequiredOptions(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: fleetsynth " + command);
    }

    @Test
    void aHeaderlessRunToFailureTextGoesThroughIngestTrainGenerateAndQuality() throws Exception {
        Path out = dir.resolve("fd");
        CliRun ingest = CliRun.of(
                "ingest",
                "--data",
                CliTest.resource("fd003-excerpt.txt").toString(),
                "--columns",
                "unit,cycle,op1,op2,op3" + sensors(),
                "--rul-cap",
                "125",
                "--out",
                out.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("no header row").contains("RUL: from end, in cycles");
        JsonNode report = new ObjectMapper().readTree(out.resolve("ingest.json").toFile());
        assertThat(report.get("units_held_out")).hasSize(1);
        assertThat(report.get("mapping").get("columns").findValuesAsText("role"))
                .contains("unit", "order", "feature", "dropped");

        CliRun train = CliRun.of(
                "train",
                "--seed-data",
                out.resolve("seed.parquet").toString(),
                "--out",
                out.resolve("model").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("trajectory model").contains("held-out units");
        assertThat(out.resolve("model/evaluation.json")).isRegularFile();

        CliRun generate = CliRun.of(
                "generate",
                "--model",
                out.resolve("model").toString(),
                "--rows",
                "3000",
                "--out",
                out.resolve("dataset").toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        SourceTable train3 = SourceFiles.read(out.resolve("dataset/train.parquet"));
        assertThat(train3.schema().fields().stream().map(f -> f.name()).toList())
                .startsWith("unit", "cycle", "op1")
                .endsWith("rul");
        assertThat(train3.schema().field("cycle").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(Arrays.stream(train3.rul()).max().orElseThrow()).isLessThanOrEqualTo(125);

        CliRun csv = CliRun.of(
                "generate",
                "--model",
                out.resolve("model").toString(),
                "--rows",
                "300",
                "--format",
                "csv",
                "--out",
                out.resolve("csv").toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("csv/train.csv")).get(0))
                .startsWith("unit,cycle,op1,op2,op3,s1,")
                .endsWith(",rul");

        CliRun quality = CliRun.of(
                "quality",
                "--real",
                out.resolve("seed.parquet").toString(),
                "--synthetic",
                out.resolve("dataset/train.parquet").toString(),
                "--holdout",
                out.resolve("holdout.parquet").toString(),
                "--summary");
        assertThat(quality.exitCode()).as(quality.err()).isZero();
        assertThat(quality.out()).contains("Overall score").contains("Utility");
    }

    @Test
    void aTableWithCategoriesAndFlagsKeepsTheirLabelsAndNamesThroughTheTvae() throws Exception {
        Path out = dir.resolve("ai4i");
        CliRun ingest = CliRun.of(
                "ingest", "--data", CliTest.resource("ai4i2020-excerpt.csv").toString(), "--out", out.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(ingest.out()).contains("Product ID").contains("identifier").contains("RUL: none");
        CliRun train = CliRun.of(
                "train",
                "--seed-data",
                out.resolve("seed.parquet").toString(),
                "--epochs",
                "5",
                "--out",
                out.resolve("model").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        CliRun generate = CliRun.of(
                "generate",
                "--model",
                out.resolve("model").toString(),
                "--rows",
                "400",
                "--out",
                out.resolve("dataset").toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        SourceTable t = SourceFiles.read(out.resolve("dataset/train.parquet"));
        assertThat(t.schema().fields().stream().map(f -> f.name()).toList())
                .contains("Type", "Air temperature [K]", "Machine failure");
        assertThat(
                        t.column("Type") instanceof dev.fleetsynth.engine.table.Column.Categorical c
                                ? Arrays.stream(c.values()).distinct().toList()
                                : List.of())
                .isSubsetOf("L", "M", "H");
        assertThat(Arrays.stream(t.numeric("Machine failure")).allMatch(v -> v == 0 || v == 1))
                .isTrue();
        assertThat(Arrays.stream(t.numeric("Rotational speed [rpm]")).allMatch(v -> v == Math.rint(v)))
                .isTrue();
    }

    @Test
    void badInputIsOneLineThatNamesTheProblemAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.csv");
        StringBuilder csv = new StringBuilder("unit,cycle,temp\n");
        for (int i = 1; i <= 30000; i++) {
            csv.append(1 + i / 1000)
                    .append(',')
                    .append(i % 1000 + 1)
                    .append(',')
                    .append(i % 7)
                    .append('\n');
        }
        Files.writeString(bad, csv.append("31,1,hot\n"));
        CliRun run = CliRun.of(
                "ingest", "--data", bad.toString(), "--out", dir.resolve("out").toString());
        CliTest.assertOneLineError(run, 2, "temp (row 30001)");
        assertThat(dir.resolve("out/seed.parquet")).doesNotExist();
        CliTest.assertOneLineError(
                CliRun.of(
                        "ingest",
                        "--data",
                        CliTest.resource("ai4i2020-excerpt.csv").toString(),
                        "--unit",
                        "Typ",
                        "--out",
                        dir.resolve("o2").toString()),
                2,
                "--unit: no column named 'Typ'; fix: did you mean 'Type'?");
        CliTest.assertOneLineError(
                CliRun.of(
                        "train",
                        "--seed-data",
                        bad.toString(),
                        "--out",
                        dir.resolve("m").toString()),
                2,
                "fleetsynth ingest");
    }

    private static String sensors() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            b.append(",s").append(i);
        }
        return b.toString();
    }
}
