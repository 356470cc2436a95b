package dev.fleetsynth.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Quarkus test resource: everything a service needs, fresh for its tests: real Kafka (KRaft),
 * PostgreSQL and Redis (the three resources of this package, started together) and an artifact
 * directory of its own.
 */
public class FleetsynthServers implements QuarkusTestResourceLifecycleManager {
    private final List<QuarkusTestResourceLifecycleManager> servers = new ArrayList<>();
    private Path artifacts;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            for (QuarkusTestResourceLifecycleManager server :
                    List.of(new RedisResource(), new PostgresResource(), new KafkaResource())) {
                config.putAll(server.start());
                servers.add(server);
            }
            artifacts = Files.createTempDirectory("fleetsynth-artifacts-");
            config.put("fleetsynth.artifacts.root", artifacts.toString());
            return config;
        } catch (IOException | RuntimeException e) {
            stop();
            throw new IllegalStateException("could not start the test servers: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).stop();
        }
        servers.clear();
        deleteTree(artifacts);
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
