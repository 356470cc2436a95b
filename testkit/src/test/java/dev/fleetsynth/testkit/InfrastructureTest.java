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
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", infra.kafkaBootstrapServers(),
                    "key.serializer", StringSerializer.class.getName(),
                    "value.serializer", StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>("testkit.check", "m1", "hello")).get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", infra.kafkaBootstrapServers(),
                    "group.id", "testkit",
                    "auto.offset.reset", "earliest",
                    "key.deserializer", StringDeserializer.class.getName(),
                    "value.deserializer", StringDeserializer.class.getName()))) {
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

            try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), PostgresServer.USER, infra.postgresPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), version()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(PostgresServer.DATABASE);
                assertThat(rs.getString(2)).startsWith("PostgreSQL 18");
            }
            // nobody else on the machine gets in: no password, a wrong one
            for (String wrong : new String[] {"", "postgres", "fleetsynth"}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(infra.jdbcUrl(), PostgresServer.USER, wrong))
                        .isInstanceOf(java.sql.SQLException.class)
                        .hasMessageMatching("(?s).*(password authentication failed|requested SCRAM-based authentication).*");
            }

            URI redis = URI.create(infra.redisUrl());
            try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("-NOAUTH");
                String password = redis.getUserInfo().substring(1);
                out.write(("*2\r\n$4\r\nAUTH\r\n$" + password.length() + "\r\n" + password + "\r\n").getBytes(StandardCharsets.US_ASCII));
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
