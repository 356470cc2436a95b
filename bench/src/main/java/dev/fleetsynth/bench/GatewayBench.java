package dev.fleetsynth.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gateway reads under a steady load, against a running stack ({@code ./fleetsynth up}): the machine
 * list, one machine and one task, in turn, at a fixed rate (open loop: each request's time counts
 * from when it was due, so a slow answer cannot hide the ones queued behind it). Baseline, in the
 * same run and at the same rate: the gateway's liveness probe, which passes the same HTTP stack with
 * no login, database or rate-limit count. Target: p99 of the reads at most {@value #P99_TARGET_MS} ms.
 * Usage: {@code FLEETSYNTH_ADMIN_PASSWORD=... bench/run gateway [--url U] [--rate R] [--seconds S]};
 * start the stack with {@code FLEETSYNTH_RATE_LIMIT_PER_MINUTE=100000} so that the limit does not answer instead.
 */
final class GatewayBench {
    static final double P99_TARGET_MS = 50;

    private GatewayBench() {}

    record Result(String name, double[] millis, int errors) {
        double q(double p) {
            double[] s = millis.clone();
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
        }
    }

    static boolean run(PrintStream out, String url, int rate, int seconds) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String password = System.getenv("FLEETSYNTH_ADMIN_PASSWORD");
        if (password == null) {
            out.println("FLEETSYNTH_ADMIN_PASSWORD is needed (the admin's password of the running stack)");
            return false;
        }
        String token = field(
                http.send(
                                HttpRequest.newBuilder(URI.create(url + "/api/gan/auth/token"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"username\": \"admin\", \"password\": \"" + password + "\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body(),
                "access_token");
        String machines = get(http, url + "/api/gan/machines", token);
        String machine = field(machines, "machine_id");
        String task = field(get(http, url + "/api/gan/tasks?limit=1", token), "task_id");
        List<String> reads = new ArrayList<>(List.of("/api/gan/machines", "/api/gan/machines/" + machine));
        if (task != null) {
            reads.add("/api/gan/tasks/" + task);
        }
        out.printf(
                Locale.ROOT,
                "gateway reads at %d requests/s for %d s (%s), java %s, %d cores%n",
                rate,
                seconds,
                String.join(", ", reads),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        load(http, url, List.of("/q/health/live"), null, rate, 5); // warm-up
        load(http, url, reads, token, rate, 5);
        Result base = load(http, url, List.of("/q/health/live"), null, rate, Math.max(10, seconds / 3))
                .get(0);
        List<Result> each = load(http, url, reads, token, rate, seconds);
        Result api = each.get(0);
        List<Result> shown = new ArrayList<>(List.of(base));
        shown.addAll(each);
        for (Result r : shown) {
            out.printf(
                    Locale.ROOT,
                    "  %-32s n=%6d  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d%n",
                    r.name(),
                    r.millis().length,
                    r.q(0.5),
                    r.q(0.9),
                    r.q(0.99),
                    r.q(1.0),
                    r.errors());
        }
        out.printf(
                Locale.ROOT,
                "  reads / baseline: p50 %.2fx, p99 %.2fx%n",
                api.q(0.5) / base.q(0.5),
                api.q(0.99) / base.q(0.99));
        boolean ok = api.q(0.99) <= P99_TARGET_MS && api.errors() == 0;
        out.printf(Locale.ROOT, "  target p99 <= %.0f ms: %s%n", P99_TARGET_MS, ok ? "met" : "NOT met");
        return ok;
    }

    /** All requests together first, then one result per path when there are several. */
    private static List<Result> load(
            HttpClient http, String url, List<String> paths, String token, int rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
        List<ConcurrentLinkedQueue<Double>> byPath = new ArrayList<>();
        paths.forEach(p -> byPath.add(new ConcurrentLinkedQueue<>()));
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        timer.scheduleAtFixedRate(
                () -> {
                    int i = sent.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    long due = start + i * periodNanos;
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + paths.get(i % paths.size())))
                            .timeout(Duration.ofSeconds(30));
                    if (token != null) {
                        b.header("Authorization", "Bearer " + token);
                    }
                    http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                            .whenComplete((r, e) -> {
                                double ms = (System.nanoTime() - due) / 1e6;
                                millis.add(ms);
                                byPath.get(i % paths.size()).add(ms);
                                if (e != null || r.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                                done.countDown();
                            });
                },
                start - System.nanoTime(),
                periodNanos,
                TimeUnit.NANOSECONDS);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        timer.shutdownNow();
        List<Result> results = new ArrayList<>();
        results.add(new Result(
                paths.size() == 1 ? paths.get(0) : "all reads",
                millis.stream().mapToDouble(Double::doubleValue).toArray(),
                errors.get()));
        if (paths.size() > 1) {
            for (int p = 0; p < paths.size(); p++) {
                String name = paths.get(p).replaceAll("/api/gan/(machines|tasks)/[^/]+", "/api/gan/$1/{id}");
                results.add(new Result(
                        "  " + name,
                        byPath.get(p).stream().mapToDouble(Double::doubleValue).toArray(),
                        0));
            }
        }
        return results;
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The first value of a field anywhere in a JSON text (the ids this needs). */
    private static String field(String json, String name) throws Exception {
        com.fasterxml.jackson.databind.JsonNode v =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).findValue(name);
        return v == null ? null : v.asText();
    }
}
