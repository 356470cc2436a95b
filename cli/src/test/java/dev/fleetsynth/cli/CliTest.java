package dev.fleetsynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.SensorTable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(CliTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Errors are one line on stderr, never a stack trace. */
    static void assertOneLineError(CliRun run, int exitCode, String containing) {
        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err())
                .startsWith("fleetsynth: ")
                .contains(containing)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void catalogPrintsThirtyTwoMachinesWithTheirCategory() {
        CliRun run = CliRun.of("catalog");
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(32);
        assertThat(lines)
                .anyMatch(l -> l.matches("motor_siemens_1la7_001\\s+motor"))
                .anyMatch(l -> l.matches("cnc_haas_vf2_001\\s+cnc"))
                .anyMatch(l -> l.matches("cooling_tower_\\S+\\s+cooling_tower"));
        assertThat(lines.stream().map(l -> l.split("\\s+")[1]).distinct()).hasSize(11);
    }

    @Test
    void templatesListsBlankChillerAndEveryCategory() {
        CliRun run = CliRun.of("templates");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().map(l -> l.split("\\s+")[0]))
                .contains(
                        "blank",
                        "chiller",
                        "motor",
                        "pump",
                        "compressor",
                        "cnc",
                        "fan",
                        "conveyor",
                        "robot",
                        "hydraulic",
                        "transformer",
                        "cooling_tower",
                        "turbofan")
                .hasSize(13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "yaml", "xlsx"})
    void aWrittenTemplateValidates(String format) throws Exception {
        Path file = dir.resolve("chiller." + format);
        CliRun write = CliRun.of("template", "chiller", "--format", format, "--out", file.toString());
        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(Files.size(file)).isPositive();
        CliRun validate = CliRun.of("validate", file.toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out().strip().lines()).hasSize(1);
        assertThat(validate.out()).startsWith("valid: chiller_carrier_30xw_001 (chiller, 7 sensors");
    }

    @Test
    void templateToStandardOutput() {
        CliRun run = CliRun.of("template", "motor", "--format", "json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"machine_type\" : \"motor\"").contains("bearing_de_temp_C");
    }

    @Test
    void templateErrors() {
        assertOneLineError(CliRun.of("template", "chillr"), 2, "did you mean 'chiller'");
        assertOneLineError(CliRun.of("template", "motor", "--format", "csv"), 2, "json, yaml or xlsx");
        assertOneLineError(CliRun.of("template", "motor", "--format", "xlsx"), 2, "--out");
    }

    @Test
    void validateListsEveryProblemAndExitsTwo() {
        CliRun run = CliRun.of("validate", resource("broken-pump.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out())
                .startsWith("invalid: 6 problems in ")
                .contains("machine_id: must be 3..64 lowercase letters")
                .contains("sensors[0].unit: is missing")
                .contains("fix: add unit: C")
                .contains("sensors[1].noise: must be >= 0")
                .contains("sensors[2].name: duplicate sensor name 'vibration_mm_s'")
                .contains("rul.cycles: must be 1..20, got 40")
                .contains("rul.degradation_pattern: unknown degradation pattern 'exponental'")
                .contains("use 'exponential'");
    }

    @Test
    void validateAsJson() throws Exception {
        CliRun run =
                CliRun.of("validate", "--json", resource("broken-pump.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("problems")).hasSize(6);
        assertThat(root.get("problems").get(0).get("path").asText()).isEqualTo("machine_id");
        assertThat(root.get("problems").get(0).get("suggestion").asText()).isEqualTo("use 'pump_7'");
    }

    @Test
    void validateAcceptsACustomMachineType() {
        CliRun run = CliRun.of("validate", resource("chiller.yaml").toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out())
                .startsWith(
                        "valid: chiller_trane_rtwd_001 (chiller, 3 sensors, 2 failure modes, 3 cycles of ~1200 h, linear_medium)");
    }

    @Test
    void validateFileErrors() throws Exception {
        assertOneLineError(CliRun.of("validate", dir.resolve("missing.yaml").toString()), 2, "no such file");
        assertOneLineError(CliRun.of("validate", dir.toString()), 2, "is a directory");
        Path png = dir.resolve("profile.json");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        CliRun run = CliRun.of("validate", png.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("(file): the file is binary");
    }

    @Test
    void seedFromTheCatalogWritesTheRequestedRows() throws Exception {
        Path out = dir.resolve("x");
        CliRun run = CliRun.of(
                "seed",
                "--machine",
                "motor_siemens_1la7_001",
                "--rows",
                "10000",
                "--seed",
                "7",
                "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .matches("(?s)wrote .*seed\\.parquet: 10,000 rows, 3 cycles, 4 sensors, [0-9.]+ KB in [0-9.]+ s; "
                        + "its holdout in .*holdout\\.parquet\\s*");
        SensorTable table = ParquetTables.read(out.resolve("seed.parquet"));
        assertThat(table.rows()).isEqualTo(10_000);
        assertThat(table.machineId()).isEqualTo("motor_siemens_1la7_001");
        SensorTable holdout = ParquetTables.read(out.resolve("holdout.parquet"));
        assertThat(holdout.sameData(SeedGenerator.generate(
                        Catalog.profile("motor_siemens_1la7_001").orElseThrow(), new SeedOptions(10_000, 7).holdout())))
                .as("the seed's holdout draw")
                .isTrue();
        assertThat(holdout.sameData(table)).isFalse();

        CliRun again = CliRun.of(
                "seed",
                "--machine",
                "motor_siemens_1la7_001",
                "--rows",
                "10000",
                "--seed",
                "7",
                "--out",
                dir.resolve("y").toString());
        assertThat(again.exitCode()).isZero();
        assertThat(ParquetTables.read(dir.resolve("y/seed.parquet")).sameData(table))
                .as("same seed, same data")
                .isTrue();
    }

    @Test
    void seedFromAProfileFile() throws Exception {
        CliRun run = CliRun.of(
                "seed", "--profile", resource("chiller.yaml").toString(), "--rows", "2000", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        SensorTable table = ParquetTables.read(dir.resolve("seed.parquet"));
        assertThat(table.sensorNames())
                .containsExactly("condenser_pressure_bar", "compressor_vibration_mm_s", "refrigerant_superheat_K");
        assertThat(table.cycles()).isEqualTo(3);
    }

    @Test
    void seedErrors() throws Exception {
        assertOneLineError(
                CliRun.of("seed", "--machine", "motor_siemens_1la7_01", "--out", dir.toString()),
                2,
                "did you mean 'motor_siemens_1la7_001'");
        assertOneLineError(CliRun.of("seed", "--out", dir.toString()), 2, "--machine");
        assertOneLineError(
                CliRun.of(
                        "seed", "--machine", "motor_siemens_1la7_001", "--profile", "x.yaml", "--out", dir.toString()),
                2,
                "mutually exclusive");
        assertOneLineError(
                CliRun.of("seed", "--machine", "motor_siemens_1la7_001", "--rows", "50", "--out", dir.toString()),
                2,
                "1000..100000");
        assertOneLineError(
                CliRun.of("seed", "--machine", "motor_siemens_1la7_001", "--rows", "lots", "--out", dir.toString()),
                2,
                "--rows");
        assertOneLineError(
                CliRun.of("seed", "--profile", resource("broken-pump.yaml").toString(), "--out", dir.toString()),
                2,
                "is invalid (6 problems");
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertOneLineError(
                CliRun.of("seed", "--machine", "motor_siemens_1la7_001", "--out", file.toString()), 2, "is a file");
        assertOneLineError(
                CliRun.of("seed", "--machine", "motor_siemens_1la7_001", "--out", "/proc/fleetsynth-test"),
                1,
                "cannot write");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("nothing half-written")
                    .containsExactly("plain-file");
        }
    }

    @Test
    void unknownCommandIsOneLine() {
        assertOneLineError(CliRun.of("sed"), 2, "Unmatched argument");
    }
}
