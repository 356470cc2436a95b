package dev.fleetsynth.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Quarkus test resource: a real PostgreSQL server (zonky binaries) on a free loopback port, with a clean database. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = PostgresServer.start(null, 0);
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    server.jdbcUrl(),
                    "quarkus.datasource.username",
                    PostgresServer.USER,
                    "quarkus.datasource.password",
                    server.password());
        } catch (Exception e) {
            throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
