package dev.fleetsynth.cli;

import static dev.fleetsynth.cli.CliTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.table.SensorTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** seed -> train -> generate -> quality, and run, through the command line. */
class PipelineCliTest {
    @TempDir
    static Path dir;

    static Path seedFile;
    static Path modelDir;

    @BeforeAll
    static void seedAndTrain() {
        CliRun seed = CliRun.of(
                "seed", "--machine", "pump_ksb_etanorm_001", "--rows", "2000", "--seed", "3", "--out", dir.toString());
        assertThat(seed.exitCode()).as(seed.err()).isZero();
        seedFile = dir.resolve("seed.parquet");
        modelDir = dir.resolve("model");
        CliRun train = CliRun.of(
                "train",
                "--seed-data",
                seedFile.toString(),
                "--model",
                "tvae",
                "--epochs",
                "5",
                "--seed",
                "1",
                "--out",
                modelDir.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).startsWith("trained pump_ksb_etanorm_001: 5 epochs, final loss ");
    }

    /** A TVAE trains until its draws stop improving by default; --early-stop 0 would train every epoch. */
    @Test
    void aTvaeTrainingStopsByItselfWhenItsQualityStopsImprovingAndSaysSo() {
        CliRun seed = CliRun.of(
                "seed",
                "--machine",
                "motor_siemens_1la7_001",
                "--rows",
                "10000",
                "--seed",
                "7",
                "--out",
                dir.resolve("motor").toString());
        assertThat(seed.exitCode()).as(seed.err()).isZero();
        CliRun train = CliRun.of(
                "train",
                "--seed-data",
                dir.resolve("motor/seed.parquet").toString(),
                "--model",
                "tvae",
                "--epochs",
                "120",
                "--seed",
                "1",
                "--out",
                dir.resolve("motor-model").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out())
                .containsPattern(
                        "trained motor_siemens_1la7_001: stopped after \\d+ of 120 epochs \\(quality no longer "
                                + "improving; kept its best epoch\\)");
    }

    /** A seed is run-to-failure data: by default the trajectory model, whose units keep RUL and clock together. */
    @Test
    void byDefaultASeedTrainsTheTrajectoryModelWhoseHistoriesKeepRulAndClockTogether() throws Exception {
        Path model = dir.resolve("trajectory");
        CliRun train = CliRun.of("train", "--seed-data", seedFile.toString(), "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).startsWith("trained pump_ksb_etanorm_001 (trajectory model): ");
        assertThat(new ObjectMapper()
                        .readTree(model.resolve("model.json").toFile())
                        .get("format")
                        .asText())
                .isEqualTo("fleetsynth-trajectory");
        Path out = dir.resolve("trajectory-dataset");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--rows", "6000", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        SensorTable train2 = ParquetTables.read(out.resolve("train.parquet"));
        Set<Double> lifetimes = new HashSet<>();
        int last = train2.rows() - 1;
        for (int i = train2.rows() - 1; i >= 0; i--) {
            if (i < train2.rows() - 1 && train2.cycle()[i] != train2.cycle()[i + 1]) {
                last = i;
                assertThat(train2.rul()[last])
                        .as("a whole life ends at its failure")
                        .isLessThan(1e-6);
            }
            if (i == 0 || train2.cycle()[i] != train2.cycle()[i - 1]) {
                lifetimes.add(train2.rul()[i]);
            }
            double hours = (train2.timestampMicros()[last] - train2.timestampMicros()[i]) / 3.6e9;
            assertThat(train2.rul()[i] - train2.rul()[last])
                    .as("row %d", i)
                    .isCloseTo(hours, org.assertj.core.api.Assertions.within(1e-3));
        }
        assertThat(lifetimes).as("lifetimes differ from unit to unit").hasSizeGreaterThan(1);
        JsonNode quality =
                new ObjectMapper().readTree(out.resolve("quality.json").toFile());
        assertThat(quality.get("checks").size()).isGreaterThan(3);
        assertThat(quality.get("window_utility").get("window").asInt()).isEqualTo(30);
    }

    @Test
    void trainWritesAModel() {
        assertThat(modelDir.resolve("model.params")).exists();
        assertThat(modelDir.resolve("model.json")).exists();
    }

    @Test
    void generateWritesThreeSplitsOfWholeCyclesAndAReport() throws Exception {
        Path out = dir.resolve("dataset");
        CliRun run = CliRun.of(
                "generate",
                "--model",
                modelDir.toString(),
                "--train",
                "2800",
                "--val",
                "600",
                "--test",
                "600",
                "--seed",
                "4",
                "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("generated 4,000 rows (train 2,800, val 600, test 600)")
                .contains("quality 0.");
        SensorTable train = ParquetTables.read(out.resolve("train.parquet"));
        SensorTable val = ParquetTables.read(out.resolve("val.parquet"));
        SensorTable test = ParquetTables.read(out.resolve("test.parquet"));
        assertThat(train.rows()).isEqualTo(2_800);
        assertThat(val.rows()).isEqualTo(600);
        assertThat(test.rows()).isEqualTo(600);
        Set<Integer> trainCycles = new HashSet<>();
        for (int c : train.cycle()) {
            trainCycles.add(c);
        }
        for (int c : val.cycle()) {
            assertThat(trainCycles).doesNotContain(c);
        }
        JsonNode quality =
                new ObjectMapper().readTree(out.resolve("quality.json").toFile());
        assertThat(quality.get("overall").asDouble()).isBetween(0.0, 1.0);
        assertThat(quality.get("temporal")
                        .get("rul_non_increasing")
                        .get("passed")
                        .asBoolean())
                .isTrue();
        assertThat(quality.get("real_rows").asInt()).isEqualTo(2_000);
        // the holdout beside the model directory, written by seed, is what the utility regressors are tested on
        assertThat(quality.get("utility").get("unseen_test").asBoolean()).isTrue();
        assertThat(quality.get("utility").get("test_rows").asInt()).isEqualTo(2_000);
        assertThat(quality.get("utility").get("train_rows_real").asInt()).isEqualTo(2_000);
        // the synthetic-trained regressor learns from the train split only, as a user would train
        assertThat(quality.get("utility").get("train_rows_synthetic").asInt()).isEqualTo(2_800);
    }

    @Test
    void withoutAHoldoutTheUtilityIsTestedOnHeldOutSeedCycles() throws Exception {
        Path lone = dir.resolve("lone");
        Files.createDirectories(lone);
        Files.copy(seedFile, lone.resolve("seed.parquet"));
        Path model = lone.resolve("model");
        assertThat(CliRun.of(
                                "train",
                                "--seed-data",
                                lone.resolve("seed.parquet").toString(),
                                "--epochs",
                                "2",
                                "--out",
                                model.toString())
                        .exitCode())
                .isZero();
        Path out = lone.resolve("dataset");
        CliRun run = CliRun.of("generate", "--model", model.toString(), "--rows", "2000", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode utility = new ObjectMapper()
                .readTree(out.resolve("quality.json").toFile())
                .get("utility");
        assertThat(utility.get("unseen_test").asBoolean()).isFalse();
        assertThat(utility.get("split").asText()).contains("held out");

        // an explicit --holdout-data is used wherever it lies
        Path out2 = lone.resolve("dataset2");
        CliRun explicit = CliRun.of(
                "generate",
                "--model",
                model.toString(),
                "--rows",
                "2000",
                "--holdout-data",
                dir.resolve("holdout.parquet").toString(),
                "--out",
                out2.toString());
        assertThat(explicit.exitCode()).as(explicit.err()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(out2.resolve("quality.json").toFile())
                        .get("utility")
                        .get("unseen_test")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void qualityCommandScoresParquetAndCsv() throws Exception {
        Path out = dir.resolve("q");
        assertThat(CliRun.of("generate", "--model", modelDir.toString(), "--rows", "3000", "--out", out.toString())
                        .exitCode())
                .isZero();
        CliRun parquet = CliRun.of(
                "quality",
                "--real",
                seedFile.toString(),
                "--synthetic",
                out.resolve("train.parquet").toString());
        assertThat(parquet.exitCode()).as(parquet.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(parquet.out());
        assertThat(report.get("column_shapes").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("temporal").isNull()).isFalse();
        assertThat(report.get("utility").get("unseen_test").asBoolean()).isFalse();

        CliRun withHoldout = CliRun.of(
                "quality",
                "--real",
                seedFile.toString(),
                "--synthetic",
                out.resolve("train.parquet").toString(),
                "--holdout",
                dir.resolve("holdout.parquet").toString(),
                "--summary");
        assertThat(withHoldout.exitCode()).as(withHoldout.err()).isZero();
        assertThat(withHoldout.out()).contains("on 2000 unseen real rows");

        Path csv = Path.of(getClass().getResource("/ai4i2020-excerpt.csv").toURI());
        CliRun same = CliRun.of("quality", "--real", csv.toString(), "--synthetic", csv.toString(), "--summary");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("1.000");
    }

    @Test
    void runLaysOutTheWholePipelineAndASummary() throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of(
                "run",
                "--machine",
                "fan_ebmpapst_r3g_001",
                "--epochs",
                "3",
                "--seed-rows",
                "1000",
                "--rows",
                "2000",
                "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("fan_ebmpapst_r3g_001").contains("1 machine in");
        Path m = out.resolve("fan_ebmpapst_r3g_001");
        assertThat(m.resolve("seed.parquet")).exists();
        assertThat(m.resolve("holdout.parquet")).exists();
        assertThat(new ObjectMapper()
                        .readTree(m.resolve("dataset/quality.json").toFile())
                        .get("utility")
                        .get("unseen_test")
                        .asBoolean())
                .isTrue();
        assertThat(m.resolve("model/model.json")).exists();
        for (String f : new String[] {"train.parquet", "val.parquet", "test.parquet", "quality.json"}) {
            assertThat(m.resolve("dataset").resolve(f)).exists();
        }
        JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("machines")).hasSize(1);
        assertThat(summary.get("machines").get(0).get("overall").asDouble()).isBetween(0.0, 1.0);
        // generate finds the seed beside the model without --seed-data, as run lays it out
        CliRun again = CliRun.of(
                "generate",
                "--model",
                m.resolve("model").toString(),
                "--rows",
                "1000",
                "--out",
                dir.resolve("again").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    void errors() throws Exception {
        assertOneLineError(
                CliRun.of("train", "--seed-data", dir.resolve("none.parquet").toString(), "--out", dir.toString()),
                2,
                "no such file");
        assertOneLineError(
                CliRun.of("train", "--seed-data", seedFile.toString(), "--epochs", "0", "--out", dir.toString()),
                2,
                "--epochs");
        assertOneLineError(
                CliRun.of("generate", "--model", dir.resolve("nomodel").toString(), "--out", dir.toString()),
                2,
                "cannot load the model");
        assertOneLineError(
                CliRun.of("generate", "--model", modelDir.toString(), "--train", "10", "--out", dir.toString()),
                2,
                "--val");
        assertOneLineError(
                CliRun.of("generate", "--model", modelDir.toString(), "--rows", "2", "--out", dir.toString()),
                2,
                "at least 3 rows");
        Path notParquet = Files.writeString(dir.resolve("x.parquet"), "not parquet");
        assertOneLineError(
                CliRun.of(
                        "train",
                        "--seed-data",
                        notParquet.toString(),
                        "--out",
                        dir.resolve("m2").toString()),
                2,
                "is not a Parquet file; bring your own data in first with: fleetsynth ingest");
        assertOneLineError(
                CliRun.of(
                        "quality",
                        "--real",
                        seedFile.toString(),
                        "--synthetic",
                        dir.resolve("none.csv").toString()),
                2,
                "no such file");
        assertOneLineError(
                CliRun.of("run", "--all", "--machine", "x", "--out", dir.toString()), 2, "mutually exclusive");
        assertOneLineError(
                CliRun.of(
                        "generate",
                        "--model",
                        modelDir.toString(),
                        "--holdout-data",
                        dir.resolve("none.parquet").toString(),
                        "--out",
                        dir.resolve("g").toString()),
                2,
                "no such file");
        Path csv = Path.of(getClass().getResource("/ai4i2020-excerpt.csv").toURI());
        assertOneLineError(
                CliRun.of(
                        "quality",
                        "--real",
                        csv.toString(),
                        "--synthetic",
                        csv.toString(),
                        "--holdout",
                        csv.toString()),
                2,
                "needs a numeric rul column");
    }
}
