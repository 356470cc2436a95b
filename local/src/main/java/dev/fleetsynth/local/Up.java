package dev.fleetsynth.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./fleetsynth up}: starts the local stack with its data under ./data and waits for Ctrl-C.
 * Ports: the gateway on 8080 (FLEETSYNTH_PORT), services on the next four, Kafka 19092,
 * PostgreSQL 15432, Redis 16379 (chosen away from the usual ports so a locally installed server
 * does not clash).
 */
public final class Up {
    private Up() {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("fleetsynth.repo", "."))
                .toAbsolutePath()
                .normalize();
        Path data =
                Path.of(env("FLEETSYNTH_DATA", repo.resolve("data").toString())).toAbsolutePath();
        int port = Integer.parseInt(env("FLEETSYNTH_PORT", "8080"));
        long t0 = System.nanoTime();
        System.out.println("fleetsynth: starting Kafka, PostgreSQL and Redis, then 5 services; data in " + data);
        LocalStack stack;
        try {
            stack = LocalStack.start(
                    new LocalStack.Settings(repo, data, true, port, 19092, 15432, 16379, Map.of(), System.out));
        } catch (Exception e) {
            System.err.println("fleetsynth: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nfleetsynth: stopping...");
            try {
                stack.close();
            } catch (Exception e) {
                System.err.println("fleetsynth: " + e.getMessage());
            }
            stopped.countDown();
        }));
        String url = stack.gatewayUrl();
        System.out.printf(Locale.ROOT, "%nFleetsynth is up after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println("  dashboard  " + url + "/");
        System.out.println("  API        " + url + "/api/gan   (OpenAPI: " + url + "/q/openapi, Swagger UI: " + url
                + "/q/swagger-ui)");
        System.out.println("  logs       " + data.resolve("logs"));
        System.out.println("  log in     " + loginHint(data, t0));
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /**
     * How to log in: on the first start (the gateway made the admin's password just now) the
     * password itself, once; later, where it is kept, or that FLEETSYNTH_ADMIN_PASSWORD set it.
     */
    static String loginHint(Path data, long startedNanos) {
        Path file = data.resolve("auth").resolve("admin-password");
        String where = "user admin, password in " + file + " (readable only by you; change it with "
                + "PUT /api/gan/auth/password)";
        try {
            if (!Files.isRegularFile(file)) {
                return "user admin, with the password in FLEETSYNTH_ADMIN_PASSWORD on the first start; admins add users";
            }
            long ageNanos = System.currentTimeMillis() * 1_000_000L
                    - Files.getLastModifiedTime(file).toMillis() * 1_000_000L;
            if (ageNanos <= System.nanoTime() - startedNanos) {
                return "user admin, password " + Files.readString(file).trim() + "  (printed this once; kept in " + file
                        + ")";
            }
        } catch (IOException e) {
            // fall through to where it is kept
        }
        return where;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
