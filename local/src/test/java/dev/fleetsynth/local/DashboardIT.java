package dev.fleetsynth.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser against the real platform: the five services started as their
 * packaged apps, and the browser scenarios of gateway/src/main/webui/e2e/run.mjs (playwright-core
 * driving a system Chromium: the wizard from a YAML upload to a dataset, the explorer, a batch, a
 * bad upload, a user's own data file through upload, preview, mapping and ingest to a dataset and its
 * comparison, an accessibility check of every page). Screenshots land in target/screenshots.
 */
class DashboardIT {
    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static Path repo;
    static final String ADMIN_PASSWORD = "dashboard-it-admin-password";

    @BeforeAll
    static void startTheStack() throws Exception {
        repo = Path.of(System.getProperty("fleetsynth.repo", ".."))
                .toAbsolutePath()
                .normalize();
        // One browser does the work of many users here; the rate limit is per client address. Uploads go in
        // chunks of 64 KiB, so that the scenario's data file of some 200 kB arrives in several.
        stack = LocalStack.start(new LocalStack.Settings(
                repo,
                dataDir,
                false,
                0,
                0,
                0,
                0,
                Map.of(
                        "fleetsynth.rate-limit.per-minute",
                        "100000",
                        "fleetsynth.uploads.chunk-bytes",
                        "65536",
                        "fleetsynth.auth.admin-password",
                        ADMIN_PASSWORD),
                new PrintStream(System.out, true, StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        KeptLogs.keep(dataDir, "DashboardIT");
    }

    @Test
    void theDashboardScenariosPassInARealBrowser() throws Exception {
        Path webui = repo.resolve("gateway/src/main/webui");
        assertThat(webui.resolve("node_modules/playwright-core"))
                .as("npm ci has run in the gateway build")
                .isDirectory();
        Path screenshots = repo.resolve("local/target/screenshots");
        Files.createDirectories(screenshots);
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/run.mjs")
                .directory(webui.toFile())
                .redirectErrorStream(true);
        pb.environment().put("BASE_URL", stack.gatewayUrl());
        pb.environment().put("SCREENSHOTS", screenshots.toString());
        pb.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line);
                out.append(line).append('\n');
            }
        }
        boolean exited = p.waitFor(15, TimeUnit.MINUTES);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as("the browser run ended").isTrue();
        assertThat(p.exitValue()).as(out.toString()).isZero();
    }
}
