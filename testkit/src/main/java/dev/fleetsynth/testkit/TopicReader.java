package dev.fleetsynth.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain Kafka clients for tests: read what services published, publish what a test needs. */
public final class TopicReader {
    /** A record as the test sees it: key and JSON value. */
    public record Record(String topic, String key, String value) {}

    private TopicReader() {}

    /**
     * A client's properties: {@code own}, the broker's address and the login the service under test
     * was given ({@code kafka.security.protocol}, {@code kafka.sasl.*} in its configuration).
     */
    public static Map<String, Object> clientProperties(String bootstrap, Map<String, Object> own) {
        Map<String, Object> props = new HashMap<>(own);
        props.put("bootstrap.servers", bootstrap);
        Config config = ConfigProvider.getConfig();
        for (String key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
            config.getOptionalValue("kafka." + key, String.class).ifPresent(v -> props.put(key, v));
        }
        return props;
    }

    /** Waits until records matching {@code wanted} are on the topics (read from the start), up to the timeout. */
    public static List<Record> await(
            String bootstrap, List<String> topics, Predicate<List<Record>> done, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clientProperties(
                bootstrap,
                Map.of(
                        "group.id",
                        "test-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest",
                        "enable.auto.commit",
                        "false",
                        "key.deserializer",
                        StringDeserializer.class.getName(),
                        "value.deserializer",
                        StringDeserializer.class.getName())))) {
            consumer.subscribe(topics);
            List<Record> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(new Record(r.topic(), r.key(), r.value()));
                }
                if (done.test(seen)) {
                    return seen;
                }
            }
            throw new AssertionError(
                    "timed out after " + timeout + " waiting on " + topics + "; saw " + seen.size() + " records: "
                            + seen.stream()
                                    .map(r -> r.topic() + " " + r.value())
                                    .limit(20)
                                    .toList());
        }
    }

    public static void publish(String bootstrap, String topic, String key, String json) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clientProperties(
                bootstrap,
                Map.of(
                        "key.serializer", StringSerializer.class.getName(),
                        "value.serializer", StringSerializer.class.getName())))) {
            producer.send(new ProducerRecord<>(topic, key, json)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }
}
