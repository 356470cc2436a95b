package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Someone asked for a model to be trained on a seed. {@code earlyStop}: a TVAE stops when its
 * draws' quality has not improved for this many epochs (0: exactly {@code epochs}); {@code null} is
 * the trainer's default.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingRequested(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        String seedId,
        String seedPath,
        int epochs,
        int batchSize,
        long randomSeed,
        Pipeline pipeline,
        String model,
        String strategy,
        String baseModelPath,
        String mergeSeedPath,
        Integer earlyStop)
        implements FleetEvent, JobEvent {
    /** Train on the seed as it is (a simulated seed, or a user's data). */
    public static final String STRATEGY_DATA = "data";
    /** Train on the user's data merged with the machine's simulated seed. */
    public static final String STRATEGY_MERGE = "merge";
    /** Continue training {@code base_model_path} on the seed at a tenth of the learning rate. */
    public static final String STRATEGY_REFINE = "refine";

    /** The default model on the seed as it is. */
    public TrainingRequested(
            UUID eventId,
            Instant occurredAt,
            String machineId,
            UUID jobId,
            String seedId,
            String seedPath,
            int epochs,
            int batchSize,
            long randomSeed,
            Pipeline pipeline) {
        this(
                eventId,
                occurredAt,
                machineId,
                jobId,
                seedId,
                seedPath,
                epochs,
                batchSize,
                randomSeed,
                pipeline,
                null,
                null,
                null,
                null,
                null);
    }

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
