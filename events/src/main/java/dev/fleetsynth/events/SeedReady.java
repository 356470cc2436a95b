package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A seed Parquet file was written to the artifact store. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeedReady(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        String seedId,
        String seedPath,
        int rows,
        int cycles,
        int profileVersion,
        long durationMs,
        Pipeline pipeline,
        String source,
        String holdoutPath)
        implements FleetEvent, JobEvent {
    /** A simulated seed, its holdout where the seed service always writes it. */
    public SeedReady(
            UUID eventId,
            Instant occurredAt,
            String machineId,
            UUID jobId,
            String seedId,
            String seedPath,
            int rows,
            int cycles,
            int profileVersion,
            long durationMs,
            Pipeline pipeline) {
        this(
                eventId,
                occurredAt,
                machineId,
                jobId,
                seedId,
                seedPath,
                rows,
                cycles,
                profileVersion,
                durationMs,
                pipeline,
                SeedRequested.SIMULATED,
                null);
    }

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
