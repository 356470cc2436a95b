package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Someone asked for a synthetic train/val/test dataset from a model. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerationRequested(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        String modelId,
        String modelPath,
        String seedPath,
        int trainRows,
        int valRows,
        int testRows,
        long randomSeed)
        implements FleetEvent, JobEvent {
    public GenerationRequested {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(modelId, "model_id");
        Objects.requireNonNull(modelPath, "model_path");
        Objects.requireNonNull(seedPath, "seed_path");
    }

    @Override
    public String topic() {
        return Topics.GENERATION_REQUESTED;
    }

    @Override
    public Stage stage() {
        return Stage.GENERATION;
    }
}
