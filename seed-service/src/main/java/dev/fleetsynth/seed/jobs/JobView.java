package dev.fleetsynth.seed.jobs;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A seed job as the REST API shows it. {@code seed_id} is there once the job succeeded. */
@Schema(
        requiredProperties = {
            "job_id",
            "machine_id",
            "stage",
            "status",
            "created_at",
            "profile_version",
            "rows",
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
        String seedId,
        String pipeline,
        int profileVersion,
        int rows,
        long randomSeed) {
    public static JobView of(SeedJob j) {
        return new JobView(
                j.jobId,
                j.machineId,
                "seed",
                j.status,
                j.errorCode,
                j.errorMessage,
                j.createdAt,
                j.startedAt,
                j.finishedAt,
                j.seedId,
                j.pipeline,
                j.profileVersion,
                j.rows,
                j.randomSeed);
    }
}
