package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A job failed (or was cancelled, code {@link FailureCode#CANCELLED}); nothing it was writing was kept. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobFailed(
        UUID eventId, Instant occurredAt, String machineId, UUID jobId, Stage stage, FailureCode code, String message)
        implements FleetEvent, JobEvent {
    public JobFailed {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static JobFailed now(String machineId, UUID jobId, Stage stage, FailureCode code, String message) {
        return new JobFailed(UUID.randomUUID(), Instant.now(), machineId, jobId, stage, code, message);
    }

    @Override
    public String topic() {
        return Topics.JOB_FAILED;
    }
}
