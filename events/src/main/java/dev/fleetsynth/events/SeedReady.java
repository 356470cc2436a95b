package dev.fleetsynth.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A seed Parquet file was written to the artifact store. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeedReady(UUID eventId, Instant occurredAt, String machineId, UUID jobId, String seedId,
        String seedPath, int rows, int cycles, int profileVersion, long durationMs, Pipeline pipeline)
        implements FleetEvent, JobEvent {
    public SeedReady {
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
        return Topics.SEED_READY;
    }

    @Override
    public Stage stage() {
        return Stage.SEED;
    }
}
