package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A profile was accepted and the machine exists; its profile JSON is in the artifact store. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MachineCreated(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        String machineType,
        int profileVersion,
        String profilePath,
        Pipeline pipeline)
        implements FleetEvent {
    public MachineCreated {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(profilePath, "profile_path");
        Objects.requireNonNull(pipeline, "pipeline");
    }

    public static MachineCreated now(
            String machineId, String machineType, int profileVersion, String profilePath, Pipeline pipeline) {
        return new MachineCreated(
                UUID.randomUUID(), Instant.now(), machineId, machineType, profileVersion, profilePath, pipeline);
    }

    @Override
    public String topic() {
        return Topics.MACHINE_CREATED;
    }
}
