package dev.fleetsynth.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), inside this JVM,
 * on 127.0.0.1. The log directory is formatted on first use and reused afterwards, so a local
 * stack keeps its topics and offsets across restarts. Clients log in (SASL/PLAIN, user
 * {@value #USER}, a password made at each start, kept across {@link #restart}s): a plain client is
 * refused, so another program or user on the machine cannot read or write the platform's topics.
 * The controller's listener, which only the broker itself uses, stays plain on loopback.
 */
public final class KafkaBroker implements AutoCloseable {
    public static final String USER = "fleetsynth";
    private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule required";

    private volatile KafkaRaftServer server;
    private final String password;
    private final String bootstrapServers;
    private final Path logDir;
    private final int port;
    private final int partitions;

    private KafkaBroker(
            KafkaRaftServer server, String password, String bootstrapServers, Path logDir, int port, int partitions) {
        this.server = server;
        this.password = password;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.port = port;
        this.partitions = partitions;
    }

    /** Starts a broker with its data in {@code logDir} on {@code port} (0: any free port). */
    public static KafkaBroker start(Path logDir, int port, int partitions) throws Exception {
        int brokerPort = Ports.orFree(port, "Kafka");
        String password = Secrets.random();
        return new KafkaBroker(
                server(logDir, brokerPort, partitions, password),
                password,
                "127.0.0.1:" + brokerPort,
                logDir,
                brokerPort,
                partitions);
    }

    /**
     * Stops the broker, waits {@code down}, and starts it again on the same port and log: what a
     * broker restart looks like to its clients, which reconnect by themselves.
     */
    public void restart(java.time.Duration down) throws Exception {
        close();
        Thread.sleep(down.toMillis());
        server = server(logDir, port, partitions, password);
    }

    private static KafkaRaftServer server(Path logDir, int brokerPort, int partitions, String password)
            throws Exception {
        int controllerPort = Ports.free();
        Files.createDirectories(logDir);
        String dir = logDir.toAbsolutePath().toString();

        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                PLAIN + " username=\"" + USER + "\" password=\"" + password + "\" user_" + USER + "=\"" + password
                        + "\";");
        props.put("log.dirs", dir);
        props.put("num.partitions", Integer.toString(partitions));
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        props.put("log.retention.hours", "168");
        KafkaConfig config = new KafkaConfig(props);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dir)
                    .setDirectories(List.of(dir))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(true)
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return server;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** What a Kafka client needs to reach this broker: its address and its login. */
    public Map<String, String> clientConfig() {
        return Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                PLAIN + " username=\"" + USER + "\" password=\"" + password + "\";");
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
