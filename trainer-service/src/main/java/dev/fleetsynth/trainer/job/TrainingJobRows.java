package dev.fleetsynth.trainer.job;

import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.support.jobs.JobStatus;
import dev.fleetsynth.support.machines.DeletedMachine;
import dev.fleetsynth.trainer.model.Model;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.UUID;

/** The jobs table's changes, each in the transaction it needs. */
@ApplicationScoped
public class TrainingJobRows {
    /** What a cancel request found. */
    public enum CancelOutcome {
        /** The job waited in Kafka for a worker: it is cancelled now, and nobody will run it. */
        CANCELLED_NOW,
        /** A replica has the job (training, or waiting for the machine's lock): it stops at its next check. */
        FLAGGED
    }

    /**
     * Records a request as a queued job unless its row exists. Safe against the work consumer
     * doing the same at the same moment (ON CONFLICT), which a find-then-persist is not.
     */
    @Transactional
    public void recordQueued(TrainingRequest r) {
        if (DeletedMachine.deletedSince(r.machineId(), r.trigger().occurredAt())) {
            return; // asked for before its machine was deleted: never to run
        }
        TrainingJob.getEntityManager()
                .createNativeQuery("""
                INSERT INTO jobs (job_id, machine_id, status, created_at, seed_id, seed_path, epochs, batch_size, random_seed,
                                  pipeline, epoch, progress)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, 0)
                ON CONFLICT (job_id) DO NOTHING""")
                .setParameter(1, r.jobId())
                .setParameter(2, r.machineId())
                .setParameter(3, JobStatus.QUEUED.json())
                .setParameter(4, Instant.now())
                .setParameter(5, r.seedId())
                .setParameter(6, r.seedPath())
                .setParameter(7, r.epochs())
                .setParameter(8, r.batchSize())
                .setParameter(9, r.randomSeed())
                .setParameter(10, r.pipeline().json())
                .executeUpdate();
    }

    /**
     * In the job runner's transaction: makes or finds the job row and claims it for this replica.
     * False when the job is finished (done before, or cancelled while it waited in Kafka). A row
     * left running by a replica that died is claimed again and its job starts over once the dead
     * replica's lock has expired.
     */
    @Transactional(TxType.MANDATORY)
    public boolean claim(TrainingRequest r, String owner) {
        recordQueued(r);
        TrainingJob job = TrainingJob.findById(r.jobId(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.jobStatus().finished()) {
            return false; // null: its machine was deleted after it was asked for
        }
        // A running row stays running: its first run may still be going (a partition moved to this
        // replica mid-training); this run waits for the machine's lock and then finds it finished.
        job.claimedBy = owner;
        return true;
    }

    /** A copy of the row as it is now. */
    @Transactional(TxType.REQUIRES_NEW)
    public TrainingJob current(UUID jobId) {
        return TrainingJob.findById(jobId);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Model model(String modelId) {
        return Model.findById(modelId);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void started(UUID jobId, Instant at) {
        TrainingJob job = TrainingJob.findById(jobId);
        job.start(at);
        job.epoch = 0;
        job.progress = 0;
        job.loss = null;
        job.lossCurve = new double[0];
    }

    /** One update statement: this runs while the training waits. */
    @Transactional(TxType.REQUIRES_NEW)
    public void progress(
            UUID jobId, int epoch, Double loss, double progress, long elapsedMs, long etaMs, double[] lossCurve) {
        TrainingJob.update(
                "epoch = ?1, loss = ?2, progress = ?3, elapsedMs = ?4, etaMs = ?5, lossCurve = ?6 where jobId = ?7",
                epoch,
                loss,
                progress,
                elapsedMs,
                etaMs,
                lossCurve,
                jobId);
    }

    /** In the job runner's transaction. */
    @Transactional(TxType.MANDATORY)
    public void succeeded(UUID jobId, Model model, double[] lossCurve, long elapsedMs, Instant at) {
        TrainingJob job = TrainingJob.findById(jobId);
        job.succeed(at);
        job.epoch = lossCurve.length;
        job.loss = model.finalLoss;
        job.progress = 1.0;
        job.elapsedMs = elapsedMs;
        job.etaMs = 0L;
        job.lossCurve = lossCurve;
        job.modelId = model.modelId;
        job.errorCode = null;
        job.errorMessage = null;
        if (Model.findById(model.modelId) == null) {
            model.persist();
        }
    }

    /** In the job runner's transaction. */
    @Transactional(TxType.MANDATORY)
    public void failed(UUID jobId, JobStatus terminal, String code, String message, Instant at) {
        TrainingJob job = TrainingJob.findById(jobId);
        job.fail(terminal, code, message, at);
        job.etaMs = null;
    }

    /**
     * Marks a cancel request on the job; a job no replica has picked up yet is cancelled here and
     * then. Null when there is no such job; the row as it was when it is already finished.
     */
    @Transactional
    public Cancel cancel(UUID jobId) {
        TrainingJob job = TrainingJob.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            return null;
        }
        if (job.jobStatus().finished()) {
            return new Cancel(job, null);
        }
        Instant now = Instant.now();
        if (job.cancelRequestedAt == null) {
            job.cancelRequestedAt = now;
        }
        if (job.claimedBy == null) {
            // The row lock orders this against claim(): the worker that reaches the request later finds it finished.
            job.fail(JobStatus.CANCELLED, FailureCode.CANCELLED.name(), "cancelled before it started", now);
            return new Cancel(job, CancelOutcome.CANCELLED_NOW);
        }
        return new Cancel(job, CancelOutcome.FLAGGED);
    }

    /** The job after a cancel request and what the request did (null outcome: it had already finished). */
    public record Cancel(TrainingJob job, CancelOutcome outcome) {}
}
