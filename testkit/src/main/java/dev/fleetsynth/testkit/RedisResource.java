package dev.fleetsynth.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Quarkus test resource: a real Redis server on a free loopback port. */
public class RedisResource implements QuarkusTestResourceLifecycleManager {
    private RedisServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = RedisServer.start(0);
            return Map.of("quarkus.redis.hosts", server.url());
        } catch (Exception e) {
            throw new IllegalStateException("could not start Redis: " + e.getMessage(), e);
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
