package dev.fleetsynth.testkit;

import java.io.IOException;

/** A real Redis server (the binary shipped in the embedded-redis jar), on 127.0.0.1. */
public final class RedisServer implements AutoCloseable {
    private final redis.embedded.RedisServer server;
    private final int port;

    private RedisServer(redis.embedded.RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static RedisServer start(int port) throws IOException {
        int p = Ports.orFree(port);
        redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                .port(p)
                .bind("127.0.0.1")
                .setting("appendonly no")
                .setting("save \"\"")
                .onShutdownForceStop(true)
                .build();
        server.start();
        return new RedisServer(server, p);
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
