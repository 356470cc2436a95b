package dev.fleetsynth.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the services running: one that exits (a crash, an out-of-memory exit, a kill) is started
 * again after a back-off of 1, 2, 4 ... 30 s (back to 1 s once it has run for two minutes), and the
 * console says so, and again when it is ready. Kafka redelivers what the dead process had not
 * finished, so its jobs resume (the consumers drop what was already done).
 */
final class Supervisor implements AutoCloseable {
    /** Starts a service's process again. */
    interface Launcher {
        Process launch(String service) throws IOException;
    }

    private static final Duration STABLE = Duration.ofMinutes(2);
    private static final long MAX_DELAY_S = 30;

    private final Map<String, Process> processes;
    private final Map<String, Integer> ports;
    private final Launcher launcher;
    private final PrintStream out;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "fleetsynth-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Set<String> restarting = ConcurrentHashMap.newKeySet();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean closing;

    Supervisor(Map<String, Process> processes, Map<String, Integer> ports, Launcher launcher, PrintStream out) {
        this.processes = processes;
        this.ports = ports;
        this.launcher = launcher;
        this.out = out;
        timer.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** How many times a service has been started again. */
    int restarts(String service) {
        return failures.getOrDefault(service, 0);
    }

    private void check() {
        processes.forEach((name, p) -> {
            if (closing || p.isAlive() || !restarting.add(name)) {
                return;
            }
            Instant started = p.info().startInstant().orElse(Instant.now());
            int n = Duration.between(started, Instant.now()).compareTo(STABLE) > 0
                    ? 1
                    : failures.merge(name, 1, Integer::sum);
            failures.put(name, n);
            long delay = Math.min(MAX_DELAY_S, 1L << Math.min(n - 1, 5));
            out.printf(
                    Locale.ROOT,
                    "fleetsynth: %s stopped (exit code %d); starting it again in %d s (restart %d)%n",
                    name,
                    p.exitValue(),
                    delay,
                    n);
            timer.schedule(() -> relaunch(name), delay, TimeUnit.SECONDS);
        });
    }

    private void relaunch(String name) {
        if (closing) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            Process p = launcher.launch(name);
            processes.put(name, p);
            if (closing) { // stopped while this one started: it is not to outlive the stack
                p.destroy();
                return;
            }
        } catch (IOException e) {
            out.printf("fleetsynth: could not start %s again: %s%n", name, e.getMessage());
        } finally {
            restarting.remove(name);
        }
        URI health = URI.create("http://127.0.0.1:" + ports.get(name) + "/q/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!closing && System.nanoTime() < deadline && processes.get(name).isAlive()) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(health)
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    out.printf(
                            Locale.ROOT,
                            "fleetsynth: %s is back (ready after %.1f s)%n",
                            name,
                            (System.nanoTime() - t0) / 1e9);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
    }
}
