package dev.fleetsynth.support.jobs;

import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.kafka.EventPublisher;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Cancel requests for a service's jobs, one row per job in {@code job_control}. A job's request
 * waits in Kafka until a worker takes it, so a cancel can come before its job row exists; the
 * row here is where the cancel and the worker meet. Both write it with one upsert, which
 * PostgreSQL orders on the row: either the worker claimed the job first (it is running, and stops
 * at its next {@link Watch#stopIfCancelled()}), or the cancel came first (the job is cancelled now,
 * and the worker that reaches its request later finds that and does not run it).
 */
@ApplicationScoped
public class JobCancels {
    private static final Logger LOG = Logger.getLogger(JobCancels.class);
    /** How often a running job asks the database; a check costs a query, and jobs call it in loops. */
    static final Duration CHECK_EVERY = Duration.ofMillis(500);

    static final String CANCELLED_BEFORE_START = "cancelled before it started";
    static final String CANCELLED_WHILE_RUNNING = "cancelled while it ran; nothing it was writing was kept";
    static final String MACHINE_DELETED = "its machine was deleted while it ran; its result is not recorded";

    @Inject
    EventPublisher events;

    @Inject
    JobMetrics metrics;

    /** What a cancel request answers: the job, {@code cancelled} (at once) or {@code cancelling} (at its next check). */
    public record Answer(UUID jobId, String machineId, String status, String message) {}

    /**
     * Cancels a job of this service.
     *
     * @param rows      the service's job rows by id (a row is null while its request waits in Kafka)
     * @param machineId the job's machine, which the caller knows from the request; needed when there is no row yet
     * @throws ApiException 400 for an id that is not a UUID or when there is neither a row nor a machine id, 409 when
     *                      the job has finished
     */
    public Answer cancel(String id, Function<UUID, ? extends JobRecord> rows, String machineId, Stage stage) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "job_id", "'" + id + "' is not a job id", "use the job_id (a UUID) of the request");
        }
        JobRecord row = rows.apply(jobId);
        if (row != null && row.jobStatus().finished()) {
            throw ApiException.conflict("JOB_FINISHED", "job " + jobId + " has already finished (" + row.status + ")");
        }
        String machine = row != null ? row.machineId : machineId;
        if (machine == null || machine.isBlank()) {
            throw ApiException.badRequest(
                    "machine_id",
                    "job " + jobId + " has not started here yet, and no machine_id was given",
                    "pass ?machine_id= of the job's machine (the gateway does)");
        }
        Instant claimedAt =
                QuarkusTransaction.requiringNew().call(() -> upsert(jobId, "cancel_requested_at", "claimed_at"));
        if (claimedAt == null) {
            // Nobody runs it, and whoever takes its request later will not: announce it now.
            events.publish(cancelled(machine, jobId, stage, CANCELLED_BEFORE_START));
            metrics.failed(stage, FailureCode.CANCELLED.name(), Duration.ZERO);
            return new Answer(jobId, machine, JobStatus.CANCELLED.json(), CANCELLED_BEFORE_START);
        }
        return new Answer(jobId, machine, "cancelling", "the job stops at its next check, within a second or two");
    }

    /**
     * The job.failed of a cancelled job. Its id follows from the job and the reason: announced here
     * when the request was cancelled while it waited, and again by the worker that later finds it,
     * it is one event to consumers that drop redeliveries.
     */
    static JobFailed cancelled(String machineId, UUID jobId, Stage stage, String message) {
        UUID id = dev.fleetsynth.events.EventIds.derived(dev.fleetsynth.events.Topics.JOB_FAILED, jobId, message);
        return new JobFailed(id, java.time.Instant.now(), machineId, jobId, stage, FailureCode.CANCELLED, message);
    }

    /** Asks a job to stop without announcing anything (its machine is being deleted): it stops at its next check, or never starts. */
    public void flag(UUID jobId) {
        QuarkusTransaction.requiringNew().run(() -> upsert(jobId, "cancel_requested_at", "claimed_at"));
    }

    /**
     * In the job runner's transaction: claims the job for the worker about to run it. True when a
     * cancel came first (the job must not run).
     */
    boolean claimCancelled(UUID jobId) {
        return upsert(jobId, "claimed_at", "cancel_requested_at") != null;
    }

    /** Sets {@code column} to now unless it is set, and returns {@code other} as it is then. */
    private static Instant upsert(UUID jobId, String column, String other) {
        List<?> rows = Panache.getEntityManager()
                .createNativeQuery("INSERT INTO job_control (job_id, " + column + ") VALUES (?1, ?2) "
                        + "ON CONFLICT (job_id) DO UPDATE SET " + column + " = COALESCE(job_control." + column
                        + ", EXCLUDED." + column + ") "
                        + "RETURNING " + other)
                .setParameter(1, jobId)
                .setParameter(2, Instant.now())
                .getResultList();
        Object value = rows.isEmpty() ? null : rows.get(0);
        return value == null ? null : value instanceof Instant i ? i : ((java.sql.Timestamp) value).toInstant();
    }

    /** The cancel check of one running job, which asks the database at most every {@link #CHECK_EVERY}. */
    public Watch watch(UUID jobId) {
        return new Watch(jobId);
    }

    /** A running job's view of its cancel request. */
    public final class Watch {
        private final UUID jobId;
        private long lastCheck = System.nanoTime() - CHECK_EVERY.toNanos();
        private boolean cancelled;

        private Watch(UUID jobId) {
            this.jobId = jobId;
        }

        /** Whether a cancel has been asked for; once true it stays true. A database failure counts as no. */
        public boolean cancelled() {
            return cancelled(false);
        }

        private boolean cancelled(boolean force) {
            long now = System.nanoTime();
            if (!cancelled && (force || now - lastCheck >= CHECK_EVERY.toNanos())) {
                lastCheck = now;
                try {
                    cancelled = QuarkusTransaction.requiringNew()
                            .call(() -> !Panache.getEntityManager()
                                    .createNativeQuery(
                                            "SELECT 1 FROM job_control WHERE job_id = ?1 AND cancel_requested_at IS NOT NULL")
                                    .setParameter(1, jobId)
                                    .getResultList()
                                    .isEmpty());
                } catch (RuntimeException e) {
                    LOG.warnf("could not look for a cancel request of job %s: %s", jobId, e.getMessage());
                }
            }
            return cancelled;
        }

        /** Stops the job (a {@link JobFailure} the runner records as cancelled) when a cancel has been asked for. */
        public void stopIfCancelled() {
            if (cancelled(false)) {
                throw new JobFailure(FailureCode.CANCELLED, CANCELLED_WHILE_RUNNING);
            }
        }

        /**
         * As {@link #stopIfCancelled()}, asking the database now: the last check before a job keeps its
         * result, which a cancel in the half second since the last look must still stop.
         */
        public void stopIfCancelledNow() {
            if (cancelled(true)) {
                throw new JobFailure(FailureCode.CANCELLED, CANCELLED_WHILE_RUNNING);
            }
        }
    }
}
