package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A synthetic dataset (train/val/test Parquet and quality.json) was written to the artifact store,
 * with the headline scores of its quality report.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetGenerated(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        String datasetId,
        String modelId,
        String datasetPath,
        int trainRows,
        int valRows,
        int testRows,
        double qualityOverall,
        double columnShapes,
        double columnPairTrends,
        String grade,
        boolean passed,
        long durationMs)
        implements FleetEvent, JobEvent {
    public DatasetGenerated {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(datasetId, "dataset_id");
        Objects.requireNonNull(modelId, "model_id");
        Objects.requireNonNull(datasetPath, "dataset_path");
        Objects.requireNonNull(grade, "grade");
    }

    @Override
    public String topic() {
        return Topics.DATASET_GENERATED;
    }

    @Override
    public Stage stage() {
        return Stage.GENERATION;
    }
}
