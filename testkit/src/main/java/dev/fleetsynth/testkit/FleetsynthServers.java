package dev.fleetsynth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: real Kafka (KRaft), PostgreSQL and Redis for a service's tests, started
 * fresh on free loopback ports, with an artifact directory of their own.
 */
public class FleetsynthServers implements QuarkusTestResourceLifecycleManager {
    private Infrastructure infrastructure;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("fleetsynth-test-");
            infrastructure = Infrastructure.start(Infrastructure.Settings.ephemeral(dataDir));
            Map<String, String> config = new java.util.LinkedHashMap<>(infrastructure.quarkusConfig());
            config.put("fleetsynth.artifacts.root", dataDir.resolve("artifacts").toString());
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test servers: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        try {
            if (infrastructure != null) {
                infrastructure.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test servers", e);
        } finally {
            deleteTree(dataDir);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
