package dev.fleetsynth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published AsyncAPI document and the event records must describe the same JSON. */
class EventContractTest {
    private static JsonNode asyncApi;
    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void readDocument() throws Exception {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/asyncapi.yaml")) {
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    static Stream<String> topics() {
        return Topics.all().stream();
    }

    @Test
    void everyTopicIsAChannelAndNothingElseIs() {
        Set<String> channels = new LinkedHashSet<>();
        asyncApi.get("channels").fieldNames().forEachRemaining(channels::add);
        assertThat(channels).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @ParameterizedTest
    @MethodSource("topics")
    void schemaMatchesTheRecord(String topic) throws Exception {
        Class<? extends FleetEvent> type = EventCodec.typeOf(topic);
        JsonNode schema = schemaOf(topic);

        List<String> properties = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        List<String> components = Stream.of(type.getRecordComponents())
                .map(c -> snake(c.getName()))
                .toList();
        assertThat(properties).as("properties of %s", topic).containsExactlyElementsOf(components);

        FleetEvent sample = sample(type);
        assertThat(sample.topic()).isEqualTo(topic);
        JsonNode written = json.readTree(codec.toJson(sample));
        List<String> keys = new ArrayList<>();
        written.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(properties);
        for (String key : keys) {
            assertConforms(topic + "." + key, schema.get("properties").get(key), written.get(key));
        }
        for (JsonNode required : schema.get("required")) {
            assertThat(written.get(required.asText()).isNull())
                    .as(required.asText())
                    .isFalse();
        }
        assertThat(codec.fromJson(topic, codec.toJson(sample))).isEqualTo(sample);
    }

    @ParameterizedTest
    @MethodSource("topics")
    void requiredFieldsAreEnforcedWhenReading(String topic) throws Exception {
        JsonNode schema = schemaOf(topic);
        FleetEvent sample = sample(EventCodec.typeOf(topic));
        for (JsonNode required : schema.get("required")) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(codec.toJson(sample));
            JsonNode property = schema.get("properties").get(required.asText());
            if (!property.get("type").asText().equals("string")) {
                continue; // a missing number reads as 0, which the schema's type still allows
            }
            node.remove(required.asText());
            assertThatThrownBy(() -> codec.fromJson(topic, node.toString()))
                    .as("%s without %s", topic, required.asText())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unknownPropertiesFromNewerProducersAreIgnored() {
        JobFailed failed = JobFailed.now(
                "motor_a", UUID.randomUUID(), Stage.TRAINING, FailureCode.TRAINING_DIVERGED, "loss went NaN");
        String withExtra = codec.toJson(failed).replaceFirst("\\{", "{\"added_later\":42,");
        assertThat(codec.fromJson(Topics.JOB_FAILED, withExtra)).isEqualTo(failed);
    }

    /** The codes a job can fail with are one list, the same in the code and in the AsyncAPI document. */
    @Test
    void failureCodesAreTheDocumentsList() {
        for (String schema : List.of("JobFailed", "DeadLetter")) {
            List<String> documented = new ArrayList<>();
            asyncApi.get("components")
                    .get("schemas")
                    .get(schema)
                    .get("properties")
                    .get("code")
                    .get("enum")
                    .forEach(e -> documented.add(e.asText()));
            assertThat(documented)
                    .as(schema)
                    .containsExactly(java.util.Arrays.stream(FailureCode.values())
                            .map(FailureCode::name)
                            .toArray(String[]::new));
        }
        String json = codec.toJson(JobFailed.now("m", UUID.randomUUID(), Stage.SEED, FailureCode.CANCELLED, "y"));
        assertThat(json).contains("\"code\":\"CANCELLED\"");
        // the old name of an unusable seed still reads, as that
        assertThat(((JobFailed) codec.fromJson(Topics.JOB_FAILED, json.replace("CANCELLED", "SEED_INVALID"))).code())
                .isEqualTo(FailureCode.SEED_UNUSABLE);
        assertThatThrownBy(() -> codec.fromJson(Topics.JOB_FAILED, json.replace("CANCELLED", "BURNT")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badEnumValuesAreRejected() {
        String json = codec.toJson(JobFailed.now("m", UUID.randomUUID(), Stage.SEED, FailureCode.INTERNAL, "y"))
                .replace("\"seed\"", "\"baking\"");
        assertThatThrownBy(() -> codec.fromJson(Topics.JOB_FAILED, json)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode schemaOf(String topic) {
        JsonNode messages = asyncApi.get("channels").get(topic).get("messages");
        Iterator<String> names = messages.fieldNames();
        String message = names.next();
        assertThat(names.hasNext()).as("one message per channel").isFalse();
        String payloadRef = asyncApi.get("components")
                .get("messages")
                .get(message)
                .get("payload")
                .get("$ref")
                .asText();
        return asyncApi.get("components").get("schemas").get(payloadRef.substring(payloadRef.lastIndexOf('/') + 1));
    }

    private static void assertConforms(String where, JsonNode property, JsonNode value) {
        String type = property.get("type").asText();
        switch (type) {
            case "string" -> {
                assertThat(value.isTextual()).as(where + " is a string").isTrue();
                if (property.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    property.get("enum").forEach(e -> allowed.add(e.asText()));
                    assertThat(allowed).as(where).contains(value.asText());
                }
                String format = property.path("format").asText("");
                if (format.equals("uuid")) {
                    assertThat(UUID.fromString(value.asText())).isNotNull();
                } else if (format.equals("date-time")) {
                    assertThat(Instant.parse(value.asText())).isNotNull();
                }
            }
            case "integer" ->
                assertThat(value.isIntegralNumber())
                        .as(where + " is an integer")
                        .isTrue();
            case "number" ->
                assertThat(value.isNumber()).as(where + " is a number").isTrue();
            case "boolean" ->
                assertThat(value.isBoolean()).as(where + " is a boolean").isTrue();
            default -> throw new AssertionError(where + ": unexpected schema type " + type);
        }
    }

    private static String snake(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** An instance with every field set to a distinct non-default value. */
    static FleetEvent sample(Class<? extends FleetEvent> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Map<Class<?>, Object> values = Map.ofEntries(
                Map.entry(UUID.class, UUID.randomUUID()),
                Map.entry(Instant.class, Instant.now().truncatedTo(ChronoUnit.MICROS)),
                Map.entry(String.class, "motor_abb_m3bp_001"),
                Map.entry(int.class, 7),
                Map.entry(Integer.class, 11),
                Map.entry(long.class, 1234L),
                Map.entry(double.class, 0.875),
                Map.entry(boolean.class, true),
                Map.entry(Pipeline.class, Pipeline.AUTO),
                Map.entry(Stage.class, Stage.TRAINING),
                Map.entry(FailureCode.class, FailureCode.SEED_UNUSABLE));
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = values.get(types[i]);
            if (types[i] == UUID.class) {
                args[i] = UUID.randomUUID();
            }
            assertThat(args[i]).as("sample value for %s", types[i]).isNotNull();
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }
}
