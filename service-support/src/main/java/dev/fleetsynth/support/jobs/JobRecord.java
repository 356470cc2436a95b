package dev.fleetsynth.support.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The columns every service's jobs table has. A job's id comes from the request event (or, for
 * a step started by the auto pipeline, is derived from the triggering event's id), so the same
 * request never makes two jobs.
 */
@MappedSuperclass
public abstract class JobRecord extends PanacheEntityBase {
    /** The length of the error_message column. */
    public static final int MESSAGE_LIMIT = 2000;

    @Id
    public UUID jobId;

    public String machineId;
    /** A {@link JobStatus} in lowercase. */
    public String status;

    public String errorCode;
    public String errorMessage;
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;

    public JobStatus jobStatus() {
        return JobStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }

    public void start(Instant now) {
        status = JobStatus.RUNNING.json();
        startedAt = now;
    }

    public void succeed(Instant now) {
        status = JobStatus.SUCCEEDED.json();
        finishedAt = now;
    }

    public void fail(JobStatus terminal, String code, String message, Instant now) {
        status = terminal.json();
        errorCode = code;
        errorMessage = message == null || message.length() <= MESSAGE_LIMIT
                ? message
                : message.substring(0, MESSAGE_LIMIT - 3) + "...";
        finishedAt = now;
    }

    /**
     * Starts a job in the caller's transaction: a new row made by {@code fresh}, or an unfinished
     * row left by a process that stopped midway (run again: outputs are written all or nothing).
     * False for a job that has finished, which must not run twice.
     */
    public static <J extends JobRecord> boolean begin(J existing, Supplier<J> fresh, Instant now) {
        if (existing == null) {
            J job = fresh.get();
            job.createdAt = now;
            job.start(now);
            job.persist();
            return true;
        }
        if (existing.jobStatus().finished()) {
            return false;
        }
        existing.start(now);
        return true;
    }
}
