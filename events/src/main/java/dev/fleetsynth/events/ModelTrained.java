package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A trained model (model.params + model.json) was written to the artifact store. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelTrained(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        String modelId,
        String modelPath,
        String seedId,
        String seedPath,
        int epochs,
        double finalLoss,
        long durationMs,
        Pipeline pipeline,
        String modelKind,
        String source)
        implements FleetEvent, JobEvent {
    /** A TVAE trained on a simulated seed. */
    public ModelTrained(
            UUID eventId,
            Instant occurredAt,
            String machineId,
            UUID jobId,
            String modelId,
            String modelPath,
            String seedId,
            String seedPath,
            int epochs,
            double finalLoss,
            long durationMs,
            Pipeline pipeline) {
        this(
                eventId,
                occurredAt,
                machineId,
                jobId,
                modelId,
                modelPath,
                seedId,
                seedPath,
                epochs,
                finalLoss,
                durationMs,
                pipeline,
                "tvae",
                SeedRequested.SIMULATED);
    }

    public ModelTrained {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(modelId, "model_id");
        Objects.requireNonNull(modelPath, "model_path");
        Objects.requireNonNull(seedPath, "seed_path");
        Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public String topic() {
        return Topics.MODEL_TRAINED;
    }

    @Override
    public Stage stage() {
        return Stage.TRAINING;
    }
}
