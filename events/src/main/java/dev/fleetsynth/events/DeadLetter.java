package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event that a service gave up on: its job took the service down each time it ran (three
 * times), so the job was failed with {@link FailureCode#WORKER_CRASHED} and its consumer moved on;
 * or a {@code machine.deleted} whose handling kept failing ({@link FailureCode#INTERNAL}).
 * The original event is kept whole, for someone to look at and, once the cause is mended, to send again.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeadLetter(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        String service,
        String originalTopic,
        UUID originalEventId,
        FailureCode code,
        String reason,
        int attempts,
        String original)
        implements FleetEvent {
    public DeadLetter {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(originalTopic, "original_topic");
        Objects.requireNonNull(originalEventId, "original_event_id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(original, "original");
    }

    /** The dead letter of {@code event}; its id follows from the event's, so giving up twice sends one letter to consumers that drop redeliveries. */
    public static DeadLetter of(
            FleetEvent event, String service, FailureCode code, String reason, int attempts, String originalJson) {
        UUID id = EventIds.derived(Topics.DEAD_LETTER, service, event.eventId());
        return new DeadLetter(
                id,
                Instant.now(),
                event.machineId(),
                service,
                event.topic(),
                event.eventId(),
                code,
                reason,
                attempts,
                originalJson);
    }

    @Override
    public String topic() {
        return Topics.DEAD_LETTER;
    }
}
