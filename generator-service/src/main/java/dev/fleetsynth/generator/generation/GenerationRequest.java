package dev.fleetsynth.generator.generation;

import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.GenerationRequested;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.support.jobs.JobRunner;
import java.util.UUID;

/** What to generate, whichever event asked for it. */
public record GenerationRequest(
        FleetEvent trigger,
        UUID jobId,
        String machineId,
        String modelId,
        String modelPath,
        String seedPath,
        int trainRows,
        int valRows,
        int testRows,
        long randomSeed) {
    /** What the auto pipeline generates from a new model: 50,000 rows split 70/15/15, the seeds' defaults. */
    public static final int AUTO_TRAIN_ROWS = 35_000;

    public static final int AUTO_VAL_ROWS = 7_500;
    public static final int AUTO_TEST_ROWS = 7_500;
    public static final long AUTO_RANDOM_SEED = 42;

    public static GenerationRequest of(GenerationRequested e) {
        return new GenerationRequest(
                e,
                e.jobId(),
                e.machineId(),
                e.modelId(),
                e.modelPath(),
                e.seedPath(),
                e.trainRows(),
                e.valRows(),
                e.testRows(),
                e.randomSeed());
    }

    /** A model trained in the auto pipeline; the job id is derived, so a redelivery finds the same job. */
    public static GenerationRequest of(ModelTrained e) {
        return new GenerationRequest(
                e,
                JobRunner.derivedJobId(Stage.GENERATION, e),
                e.machineId(),
                e.modelId(),
                e.modelPath(),
                e.seedPath(),
                AUTO_TRAIN_ROWS,
                AUTO_VAL_ROWS,
                AUTO_TEST_ROWS,
                AUTO_RANDOM_SEED);
    }

    /** The dataset's id is its job's id: one job writes one dataset. */
    public String datasetId() {
        return jobId.toString();
    }
}
