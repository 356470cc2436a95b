package dev.fleetsynth.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Someone asked for a TVAE to be trained on a seed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingRequested(UUID eventId, Instant occurredAt, String machineId, UUID jobId, String seedId,
        String seedPath, int epochs, int batchSize, long randomSeed, Pipeline pipeline) implements FleetEvent, JobEvent {
    public TrainingRequested {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(seedId, "seed_id");
        Objects.requireNonNull(seedPath, "seed_path");
        Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public String topic() {
        return Topics.TRAINING_REQUESTED;
    }

    @Override
    public Stage stage() {
        return Stage.TRAINING;
    }
}
