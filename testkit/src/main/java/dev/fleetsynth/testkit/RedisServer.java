package dev.fleetsynth.testkit;

import java.io.IOException;

/**
 * A real Redis server (the binary shipped in the embedded-redis jar), on 127.0.0.1, with a password
 * made for this start (it keeps no data across starts) and without CONFIG, so that another program
 * on the machine can neither read the caches nor reconfigure the server.
 */
public final class RedisServer implements AutoCloseable {
    private final redis.embedded.RedisServer server;
    private final int port;
    private final String password;

    private RedisServer(redis.embedded.RedisServer server, int port, String password) {
        this.server = server;
        this.port = port;
        this.password = password;
    }

    public static RedisServer start(int port) throws IOException {
        String password = Secrets.random();
        int p = Ports.orFree(port, "Redis");
        // Seen once on a loaded machine: the server did not report ready in time. A second try is cheap.
        IOException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(p)
                    .bind("127.0.0.1")
                    .setting("appendonly no")
                    .setting("save \"\"")
                    .setting("requirepass " + password)
                    .setting("rename-command CONFIG \"\"")
                    .onShutdownForceStop(true)
                    .build();
            try {
                server.start();
                return new RedisServer(server, p, password);
            } catch (IOException e) {
                failure = e;
                server.stop();
            }
        }
        throw new IOException("Redis did not start on 127.0.0.1:" + p + " after 3 attempts", failure);
    }

    /** The address with the password, as Quarkus and Vert.x take it. */
    public String url() {
        return "redis://:" + password + "@127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
