package dev.fleetsynth.events;

import java.util.List;

/** The Kafka topics of the platform. Every record is keyed by machine_id. */
public final class Topics {
    public static final String MACHINE_CREATED = "machine.created";
    public static final String MACHINE_DELETED = "machine.deleted";
    public static final String SEED_REQUESTED = "seed.requested";
    public static final String SEED_READY = "seed.ready";
    public static final String TRAINING_REQUESTED = "training.requested";
    public static final String TRAINING_PROGRESS = "training.progress";
    public static final String MODEL_TRAINED = "model.trained";
    public static final String GENERATION_REQUESTED = "generation.requested";
    public static final String DATASET_GENERATED = "dataset.generated";
    public static final String JOB_FAILED = "job.failed";
    public static final String DEAD_LETTER = "dead.letter";

    private Topics() {}

    public static List<String> all() {
        return List.of(
                MACHINE_CREATED,
                MACHINE_DELETED,
                SEED_REQUESTED,
                SEED_READY,
                TRAINING_REQUESTED,
                TRAINING_PROGRESS,
                MODEL_TRAINED,
                GENERATION_REQUESTED,
                DATASET_GENERATED,
                JOB_FAILED,
                DEAD_LETTER);
    }
}
