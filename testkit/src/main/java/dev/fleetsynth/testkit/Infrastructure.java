package dev.fleetsynth.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka, PostgreSQL and Redis together: what every Fleetsynth service needs. Used by the test
 * resources (fresh, on free ports) and by the local stack (persistent, on fixed ports).
 */
public final class Infrastructure implements AutoCloseable {
    /** Where the servers keep their data, and the ports they listen on (0: any free port). */
    public record Settings(Path dataDir, boolean persistent, int kafkaPort, int postgresPort, int redisPort) {
        public static Settings ephemeral(Path tempDir) {
            return new Settings(tempDir, false, 0, 0, 0);
        }
    }

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final RedisServer redis;
    private final Thread onExit;

    private Infrastructure(KafkaBroker kafka, PostgresServer postgres, RedisServer redis, Thread onExit) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
        this.onExit = onExit;
    }

    public static Infrastructure start(Settings settings) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        // Redis and PostgreSQL are child processes: if the JVM exits without close() (Kafka's fatal
        // fault handler calls exit, so does Ctrl-C), they must not outlive it.
        Thread onExit = new Thread(() -> closeAll(started), "fleetsynth-servers-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            RedisServer redis = RedisServer.start(settings.redisPort());
            started.add(redis);
            PostgresServer postgres = PostgresServer.start(
                    settings.persistent() ? settings.dataDir().resolve("postgres") : null, settings.postgresPort());
            started.add(postgres);
            KafkaBroker kafka = KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), 4);
            started.add(kafka);
            return new Infrastructure(kafka, postgres, redis, onExit);
        } catch (Exception e) {
            closeAll(started);
            Runtime.getRuntime().removeShutdownHook(onExit);
            throw e;
        }
    }

    private static synchronized void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }
        started.clear();
    }

    /** Stops Kafka, waits {@code down}, and starts it again where it was (same port, same log). */
    public void restartKafka(java.time.Duration down) throws Exception {
        kafka.restart(down);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** What a Kafka client needs to reach the broker: its address and its login. */
    public Map<String, String> kafkaClientConfig() {
        return kafka.clientConfig();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** Redis's address with its password. */
    public String redisUrl() {
        return redis.url();
    }

    public String postgresPassword() {
        return postgres.password();
    }

    /** The Quarkus configuration that points a service at these servers. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        kafka.clientConfig().forEach((k, v) -> config.put("kafka." + k, v));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.redis.hosts", redisUrl());
        return config;
    }

    @Override
    public void close() throws Exception {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or has run
        }
        Exception failure = null;
        for (AutoCloseable c : new AutoCloseable[] {kafka, postgres, redis}) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
