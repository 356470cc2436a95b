package dev.fleetsynth.support.jobs;

import dev.fleetsynth.events.FailureCode;

/** A job failed for a reason worth a code of its own (published in job.failed). */
public class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureCode code;

    public JobFailure(FailureCode code, String message) {
        super(message);
        this.code = code;
    }

    public JobFailure(FailureCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }

    /** True for a job that was cancelled on request rather than one that broke. */
    public boolean cancelled() {
        return code == FailureCode.CANCELLED;
    }
}
