package dev.fleetsynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promises, through the real launcher script and the packaged jar, in a child process:
 * exit codes, what goes to stdout and stderr, and a seed file DuckDB reads.
 */
class LauncherIT {
    private static final Path LAUNCHER =
            Path.of("").toAbsolutePath().getParent().resolve("fleetsynth");

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {}

    private Result fleetsynth(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        // The jar was just packaged; building again from inside the build would be a bug in staleness detection.
        pb.environment().put("FLEETSYNTH_NO_BUILD", "1");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(
                p.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void catalogPrintsThirtyTwoMachines() throws Exception {
        Result r = fleetsynth("catalog");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(32).first().asString().matches("motor_siemens_1la7_001\\s+motor");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validateOnABrokenYamlPrintsEveryProblemAndExitsTwo() throws Exception {
        Path broken = Path.of(getClass().getResource("/broken-pump.yaml").toURI());
        Result r = fleetsynth("validate", broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith("invalid: 6 problems");
        assertThat(r.out().lines().filter(l -> l.strip().startsWith("fix: "))).hasSize(6);
    }

    @Test
    void seedWritesAParquetFileDuckDbReads() throws Exception {
        Path out = dir.resolve("x");
        Result r = fleetsynth(
                "seed",
                "--machine",
                "motor_siemens_1la7_001",
                "--rows",
                "10000",
                "--seed",
                "7",
                "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("10,000 rows");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            ResultSet count =
                    st.executeQuery("SELECT count(*) FROM read_parquet('" + out.resolve("seed.parquet") + "')");
            count.next();
            assertThat(count.getLong(1)).isEqualTo(10_000);
            ResultSet cols =
                    st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + out.resolve("seed.parquet") + "')");
            List<String> names = new ArrayList<>();
            while (cols.next()) {
                names.add(cols.getString("column_name"));
            }
            assertThat(names)
                    .containsExactly(
                            "timestamp",
                            "machine_id",
                            "cycle",
                            "rul",
                            "bearing_de_temp_C",
                            "winding_temp_C",
                            "vibration_mm_s",
                            "current_A");
        }
    }

    @Test
    void errorsAreOneLineOnStderr() throws Exception {
        Result r = fleetsynth("seed", "--machine", "no_such_machine", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("fleetsynth: unknown machine 'no_such_machine'");
    }
}
