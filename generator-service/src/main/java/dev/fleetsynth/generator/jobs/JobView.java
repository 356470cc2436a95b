package dev.fleetsynth.generator.jobs;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A generation job as the REST API shows it. {@code dataset_id} is there once the job succeeded. */
@Schema(
        requiredProperties = {
            "job_id",
            "machine_id",
            "stage",
            "status",
            "created_at",
            "train_rows",
            "val_rows",
            "test_rows",
            "random_seed"
        })
public record JobView(
        UUID jobId,
        String machineId,
        String stage,
        String status,
        String errorCode,
        String errorMessage,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String datasetId,
        String modelId,
        int trainRows,
        int valRows,
        int testRows,
        long randomSeed) {
    public static JobView of(GenerationJob j) {
        return new JobView(
                j.jobId,
                j.machineId,
                "generation",
                j.status,
                j.errorCode,
                j.errorMessage,
                j.createdAt,
                j.startedAt,
                j.finishedAt,
                j.datasetId,
                j.modelId,
                j.trainRows,
                j.valRows,
                j.testRows,
                j.randomSeed);
    }
}
