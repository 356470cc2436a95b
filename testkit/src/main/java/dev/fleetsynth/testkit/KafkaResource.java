package dev.fleetsynth.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Quarkus test resource: a real Kafka broker (KRaft, in this JVM) on a free loopback port. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private KafkaBroker broker;
    private Path logDir;

    @Override
    public Map<String, String> start() {
        try {
            logDir = Files.createTempDirectory("fleetsynth-kafka-");
            broker = KafkaBroker.start(logDir, 0, 4);
            Map<String, String> config = new java.util.HashMap<>();
            broker.clientConfig().forEach((k, v) -> config.put("kafka." + k, v));
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not start Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        FleetsynthServers.deleteTree(logDir);
    }
}
