package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A machine was deleted: every service removes what it holds of it (rows and files), stops its
 * running jobs and drops its requests made before this moment. A machine made again under the same
 * id starts empty.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MachineDeleted(UUID eventId, Instant occurredAt, String machineId) implements FleetEvent {
    public MachineDeleted {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
    }

    public static MachineDeleted now(String machineId) {
        return new MachineDeleted(UUID.randomUUID(), Instant.now(), machineId);
    }

    @Override
    public String topic() {
        return Topics.MACHINE_DELETED;
    }
}
