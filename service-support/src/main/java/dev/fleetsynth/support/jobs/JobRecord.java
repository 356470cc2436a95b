package dev.fleetsynth.support.jobs;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The columns every service's jobs table has. A job's id comes from the request event (or, for
 * a step started by the auto pipeline, is derived from the triggering event's id), so the same
 * request never makes two jobs.
 */
@MappedSuperclass
public abstract class JobRecord extends PanacheEntityBase {
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
        errorMessage = message;
        finishedAt = now;
    }
}
