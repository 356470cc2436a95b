package dev.fleetsynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {

    @Test
    void allThreeServersAnswerOverRealConnections(@TempDir Path dir) throws Exception {
        try (Infrastructure infra = Infrastructure.start(Infrastructure.Settings.ephemeral(dir))) {
            Map<String, Object> producerProps = new java.util.HashMap<>(infra.kafkaClientConfig());
            producerProps.put("key.serializer", StringSerializer.class.getName());
            producerProps.put("value.serializer", StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
                producer.send(new ProducerRecord<>("testkit.check", "m1", "hello"))
                        .get();
            }
            Map<String, Object> consumerProps = new java.util.HashMap<>(infra.kafkaClientConfig());
            consumerProps.put("group.id", "testkit");
            consumerProps.put("auto.offset.reset", "earliest");
            consumerProps.put("key.deserializer", StringDeserializer.class.getName());
            consumerProps.put("value.deserializer", StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
                consumer.subscribe(List.of("testkit.check"));
                String value = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (value == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        value = records.iterator().next().value();
                    }
                }
                assertThat(value).isEqualTo("hello");
            }
            // Kafka lets in only who logs in: not a plain client, not a wrong password
            Map<String, Object> plain = Map.of(
                    "bootstrap.servers",
                    infra.kafkaBootstrapServers(),
                    "default.api.timeout.ms",
                    4000,
                    "request.timeout.ms",
                    3000);
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(plain)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> admin.listTopics().names().get())
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }
            Map<String, Object> wrongLogin = new java.util.HashMap<>(infra.kafkaClientConfig());
            wrongLogin.put(
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"fleetsynth\" "
                            + "password=\"fleetsynth\";");
            wrongLogin.put("default.api.timeout.ms", 4000);
            wrongLogin.put("request.timeout.ms", 3000);
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(wrongLogin)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> admin.listTopics().names().get())
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
            }

            try (Connection c = DriverManager.getConnection(
                            infra.jdbcUrl(), PostgresServer.USER, infra.postgresPassword());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_database(), version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(PostgresServer.DATABASE);
                assertThat(rs.getString(2)).startsWith("PostgreSQL 18");
            }
            // nobody else on the machine gets in: no password, a wrong one
            for (String wrong : new String[] {"", "postgres", "fleetsynth"}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> DriverManager.getConnection(infra.jdbcUrl(), PostgresServer.USER, wrong))
                        .isInstanceOf(java.sql.SQLException.class)
                        .hasMessageMatching(
                                "(?s).*(password authentication failed|requested SCRAM-based authentication).*");
            }

            URI redis = URI.create(infra.redisUrl());
            try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("-NOAUTH");
                String password = redis.getUserInfo().substring(1);
                out.write(("*2\r\n$4\r\nAUTH\r\n$" + password.length() + "\r\n" + password + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$1\r\n*\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).isEqualTo("+OK");
                assertThat(in.readLine()).isEqualTo("+PONG");
                assertThat(in.readLine()).startsWith("-ERR unknown command");
            }
        }
    }
}
