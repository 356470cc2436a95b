package dev.fleetsynth.trainer.job;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A training job as the API shows it. {@code loss_curve} only where one job is asked for; fields
 * without a value (no error, no model yet) are left out.
 */
@Schema(
        requiredProperties = {
            "job_id",
            "machine_id",
            "status",
            "epochs",
            "batch_size",
            "random_seed",
            "epoch",
            "progress",
            "cancel_requested",
            "created_at"
        })
public record JobView(
        UUID jobId,
        String machineId,
        String status,
        String seedId,
        String seedPath,
        int epochs,
        int batchSize,
        long randomSeed,
        String pipeline,
        int epoch,
        Double loss,
        double progress,
        Long elapsedMs,
        Long etaMs,
        String modelId,
        String errorCode,
        String errorMessage,
        boolean cancelRequested,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        double[] lossCurve) {

    public JobView {
        // A model fitted in closed form has no loss: left out rather than sent as the string "NaN", which the
        // list of trainings did (found by PlatformIT's check of the answers against the OpenAPI document).
        loss = loss == null || Double.isFinite(loss) ? loss : null;
    }

    /** The list query's row (no loss curve), in the order of {@link JobResource#SUMMARY}. */
    public JobView(
            UUID jobId,
            String machineId,
            String status,
            String seedId,
            String seedPath,
            int epochs,
            int batchSize,
            long randomSeed,
            String pipeline,
            int epoch,
            Double loss,
            double progress,
            Long elapsedMs,
            Long etaMs,
            String modelId,
            String errorCode,
            String errorMessage,
            Instant cancelRequestedAt,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {
        this(
                jobId,
                machineId,
                status,
                seedId,
                seedPath,
                epochs,
                batchSize,
                randomSeed,
                pipeline,
                epoch,
                loss,
                progress,
                elapsedMs,
                etaMs,
                modelId,
                errorCode,
                errorMessage,
                cancelRequestedAt != null,
                createdAt,
                startedAt,
                finishedAt,
                null);
    }

    public static JobView of(TrainingJob j) {
        return new JobView(
                j.jobId,
                j.machineId,
                j.status,
                j.seedId,
                j.seedPath,
                j.epochs,
                j.batchSize,
                j.randomSeed,
                j.pipeline,
                j.epoch,
                j.loss,
                j.progress,
                j.elapsedMs,
                j.etaMs,
                j.modelId,
                j.errorCode,
                j.errorMessage,
                j.cancelRequestedAt != null,
                j.createdAt,
                j.startedAt,
                j.finishedAt,
                j.lossCurve == null ? new double[0] : j.lossCurve);
    }
}
