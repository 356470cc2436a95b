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
        int p = Ports.orFree(port, "Redis");
        // Seen once on a loaded machine: the server did not report ready in time. A second try is cheap.
        IOException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(p)
                    .bind("127.0.0.1")
                    .setting("appendonly no")
                    .setting("save \"\"")
                    .onShutdownForceStop(true)
                    .build();
            try {
                server.start();
                return new RedisServer(server, p);
            } catch (IOException e) {
                failure = e;
                server.stop();
            }
        }
        throw new IOException("Redis did not start on 127.0.0.1:" + p + " after 3 attempts", failure);
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
