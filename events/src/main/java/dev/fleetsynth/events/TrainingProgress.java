package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Where a training job stands: sent at its start, at least every 10 % of epochs and every 2 s. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingProgress(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        int epoch,
        int epochs,
        double loss,
        long elapsedMs,
        long etaMs)
        implements FleetEvent, JobEvent {
    public TrainingProgress {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
    }

    /** Done fraction, 0..1. */
    public double fraction() {
        return epochs == 0 ? 0 : Math.min(1.0, (double) epoch / epochs);
    }

    @Override
    public String topic() {
        return Topics.TRAINING_PROGRESS;
    }

    @Override
    public Stage stage() {
        return Stage.TRAINING;
    }
}
