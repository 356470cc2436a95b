package dev.fleetsynth.local;

import dev.fleetsynth.events.Topics;
import dev.fleetsynth.testkit.Infrastructure;
import dev.fleetsynth.testkit.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The whole platform on one machine: Kafka, PostgreSQL and Redis on loopback (from what Maven
 * Central provides, no Docker), then the five services as JVMs of their own, each started from
 * its packaged Quarkus app and waited for until ready. Closing it stops the services, then the
 * servers.
 */
public final class LocalStack implements AutoCloseable {
    /** A service: its module (where its packaged app is), port and heap. */
    public record ServiceSpec(String name, int port, String heap) {}

    /**
     * Where the data goes, whether it survives a restart, and the ports (0 = any free port;
     * gateway and services take consecutive ports from {@code gatewayPort}).
     */
    public record Settings(
            Path repoRoot,
            Path dataDir,
            boolean persistent,
            int gatewayPort,
            int kafkaPort,
            int postgresPort,
            int redisPort,
            Map<String, String> extraConfig,
            PrintStream out) {}

    private final Infrastructure infrastructure;
    private final Map<String, Process> processes;
    private final Map<String, Integer> ports;
    private Supervisor supervisor;

    private LocalStack(Infrastructure infrastructure, Map<String, Process> processes, Map<String, Integer> ports) {
        this.infrastructure = infrastructure;
        this.processes = processes;
        this.ports = ports;
    }

    public static List<ServiceSpec> services(int gatewayPort, boolean freePorts) {
        int base = gatewayPort;
        return List.of(
                new ServiceSpec("profile-service", freePorts ? Ports.free() : base + 1, "192m"),
                new ServiceSpec("seed-service", freePorts ? Ports.free() : base + 2, "384m"),
                new ServiceSpec("trainer-service", freePorts ? Ports.free() : base + 3, "1g"),
                new ServiceSpec("generator-service", freePorts ? Ports.free() : base + 4, "1g"),
                new ServiceSpec("gateway", freePorts ? Ports.free() : base, "256m"));
    }

    public static LocalStack start(Settings s) throws Exception {
        long t0 = System.nanoTime();
        for (ServiceSpec spec : services(8080, false)) {
            Path jar = app(s.repoRoot(), spec.name());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(spec.name() + " is not built ("
                        + s.repoRoot().relativize(jar) + " is missing); run: mvn -B -DskipTests package");
            }
        }
        Files.createDirectories(s.dataDir().resolve("logs"));
        Infrastructure infra = Infrastructure.start(new Infrastructure.Settings(
                s.dataDir(), s.persistent(), s.kafkaPort(), s.postgresPort(), s.redisPort()));
        s.out()
                .printf(
                        Locale.ROOT,
                        "servers up in %.1f s: Kafka %s, PostgreSQL %s, Redis %s%n",
                        seconds(t0),
                        infra.kafkaBootstrapServers(),
                        infra.jdbcUrl(),
                        infra.redisUrl().replaceFirst("//:[^@]*@", "//"));
        createTopics(infra);

        boolean freePorts = s.gatewayPort() == 0;
        List<ServiceSpec> specs = services(s.gatewayPort(), freePorts);
        Map<String, Integer> ports = new LinkedHashMap<>();
        specs.forEach(spec -> ports.put(spec.name(), spec.port()));
        Map<String, Process> processes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        LocalStack stack = new LocalStack(infra, processes, ports);
        try {
            for (ServiceSpec spec : specs) {
                processes.put(spec.name(), launch(s, spec, infra, ports));
            }
            awaitReady(s, specs, processes, t0);
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.name(), spec));
        stack.supervisor = new Supervisor(processes, ports, name -> launch(s, byName.get(name), infra, ports), s.out());
        return stack;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    /**
     * Creates the platform's topics before a service starts, as Kubernetes declares them: a consumer
     * of a topic that appears later (machine.deleted, made by the first deletion) finds it only at
     * its next metadata refresh, seconds later.
     */
    private static void createTopics(Infrastructure infra) throws Exception {
        try (Admin admin = Admin.create(new java.util.HashMap<String, Object>(infra.kafkaClientConfig()))) {
            java.util.Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.all().stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, java.util.Optional.empty(), java.util.Optional.empty()))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    public Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    /** Kills a service's process at once (SIGKILL: no shutdown hooks), as a crash would; the supervisor starts it again. */
    public void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** How many times the supervisor has started a service again. */
    public int restarts(String service) {
        return supervisor == null ? 0 : supervisor.restarts(service);
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /** Resident memory of each service process in MiB (from /proc; empty where unavailable). */
    public Map<String, Long> residentMemoryMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        processes.forEach((name, p) -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss.put(name, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not on Linux, or the process has gone
            }
        });
        return rss;
    }

    private static Process launch(Settings s, ServiceSpec spec, Infrastructure infra, Map<String, Integer> ports)
            throws IOException {
        Map<String, String> config = new LinkedHashMap<>(infra.quarkusConfig());
        config.put("quarkus.http.port", Integer.toString(spec.port()));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put(
                "fleetsynth.artifacts.root",
                s.dataDir().resolve("artifacts").toAbsolutePath().toString());
        if (spec.name().equals("gateway")) {
            config.put(
                    "fleetsynth.auth.key-dir",
                    s.dataDir().resolve("auth").toAbsolutePath().toString());
            for (String service : List.of("profile", "seed", "trainer", "generator")) {
                config.put(
                        "fleetsynth.services." + service + "-url",
                        "http://127.0.0.1:" + ports.get(service + "-service"));
            }
        }
        config.putAll(s.extraConfig());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + spec.heap());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // the servers' passwords go in the environment, which other users of the machine cannot read
        // (a command line they can, with ps)
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String secret : List.of("quarkus.datasource.password", "quarkus.redis.hosts", "kafka.sasl.jaas.config")) {
            String v = config.remove(secret);
            if (v != null) {
                secrets.put(secret.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), v);
            }
        }
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(app(s.repoRoot(), spec.name()).toString());
        Path log = s.dataDir().resolve("logs").resolve(spec.name() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(secrets);
        return pb.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static void awaitReady(Settings s, List<ServiceSpec> specs, Map<String, Process> processes, long t0)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(specs.size());
        try {
            List<Future<Double>> ready = new ArrayList<>();
            for (ServiceSpec spec : specs) {
                ready.add(pool.submit(() -> {
                    URI health = URI.create("http://127.0.0.1:" + spec.port() + "/q/health/ready");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                    while (System.nanoTime() < deadline) {
                        Process p = processes.get(spec.name());
                        if (!p.isAlive()) {
                            throw new IllegalStateException(spec.name() + " exited with code " + p.exitValue() + ":\n"
                                    + tail(s.dataDir().resolve("logs").resolve(spec.name() + ".log")));
                        }
                        try {
                            if (http.send(
                                                    HttpRequest.newBuilder(health)
                                                            .timeout(Duration.ofSeconds(2))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200) {
                                return seconds(t0);
                            }
                        } catch (IOException e) {
                            // not listening yet
                        }
                        Thread.sleep(250);
                    }
                    throw new IllegalStateException(spec.name() + " was not ready after 240 s:\n"
                            + tail(s.dataDir().resolve("logs").resolve(spec.name() + ".log")));
                }));
            }
            for (int i = 0; i < specs.size(); i++) {
                try {
                    double at = ready.get(i).get();
                    s.out()
                            .printf(
                                    Locale.ROOT,
                                    "  %-18s ready on :%d after %.1f s%n",
                                    specs.get(i).name(),
                                    specs.get(i).port(),
                                    at);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    static Path app(Path repoRoot, String service) {
        return repoRoot.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    @Override
    public void close() throws Exception {
        if (supervisor != null) {
            supervisor.close(); // first: a service stopped below is not one to start again
        }
        // Gateway first (it talks to the others), then the services, each given time to finish.
        List<Process> reversed;
        synchronized (processes) {
            reversed = new ArrayList<>(processes.values());
        }
        java.util.Collections.reverse(reversed);
        reversed.forEach(Process::destroy);
        for (Process p : reversed) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        infrastructure.close();
    }
}
