package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON for events, the same on every producer and consumer (ISO-8601 times, snake_case names). */
public final class EventCodec {
    private static final Map<String, Class<? extends FleetEvent>> TYPES = Map.ofEntries(
            Map.entry(Topics.MACHINE_CREATED, MachineCreated.class),
            Map.entry(Topics.MACHINE_DELETED, MachineDeleted.class),
            Map.entry(Topics.SEED_REQUESTED, SeedRequested.class),
            Map.entry(Topics.SEED_READY, SeedReady.class),
            Map.entry(Topics.TRAINING_REQUESTED, TrainingRequested.class),
            Map.entry(Topics.TRAINING_PROGRESS, TrainingProgress.class),
            Map.entry(Topics.MODEL_TRAINED, ModelTrained.class),
            Map.entry(Topics.GENERATION_REQUESTED, GenerationRequested.class),
            Map.entry(Topics.DATASET_GENERATED, DatasetGenerated.class),
            Map.entry(Topics.JOB_FAILED, JobFailed.class),
            Map.entry(Topics.DEAD_LETTER, DeadLetter.class));

    private final ObjectMapper mapper;

    public EventCodec() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Newer producers may add fields; old consumers must still read the event.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Class<? extends FleetEvent> typeOf(String topic) {
        Class<? extends FleetEvent> type = TYPES.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("no event type for topic '" + topic + "'");
        }
        return type;
    }

    public String toJson(FleetEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FleetEvent fromJson(String topic, String json) {
        return fromJson(typeOf(topic), json);
    }

    public <T extends FleetEvent> T fromJson(Class<T> type, String json) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
