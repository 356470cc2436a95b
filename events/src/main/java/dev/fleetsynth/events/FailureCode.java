package dev.fleetsynth.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a job failed: the one list of codes {@link JobFailed} carries, the job rows keep and the API
 * shows; asyncapi.yaml lists the same (EventContractTest checks both).
 */
public enum FailureCode {
    /** The request itself is wrong (sizes out of range, a path outside the store). */
    INVALID_REQUEST,
    /** Cancelled on request; nothing it was writing was kept. */
    CANCELLED,
    /** The machine's profile is not there. */
    PROFILE_MISSING,
    /** The machine's profile cannot be read or is not valid. */
    PROFILE_INVALID,
    /** The uploaded file to bring in is not there (expired, or never finished). */
    UPLOAD_MISSING,
    /** The user's data cannot be brought in as it is. */
    DATA_INVALID,
    /** The seed data to train or generate from is not there. */
    SEED_MISSING,
    /** The seed data cannot be read or learnt from. */
    SEED_UNUSABLE,
    /** The model to generate from is not there. */
    MODEL_MISSING,
    /** The model cannot be loaded. */
    MODEL_INVALID,
    /** Training stopped because its loss stopped being finite. */
    TRAINING_DIVERGED,
    /** Another worker took the machine's training lock over. */
    LOCK_LOST,
    /** The dataset asked for would not fit the generator's memory. */
    DATASET_TOO_LARGE,
    /**
     * The service stopped (crashed, ran out of memory, was killed) while running this job, three
     * times: the request is given up rather than crash the service again.
     */
    WORKER_CRASHED,
    /** Anything else: a fault of the service, in its log. */
    INTERNAL;

    @JsonValue
    public String json() {
        return name();
    }

    /** A code by its name; {@code SEED_INVALID}, which meant {@link #SEED_UNUSABLE}, reads as that. */
    @JsonCreator
    public static FailureCode of(String value) {
        if ("SEED_INVALID".equals(value)) {
            return SEED_UNUSABLE;
        }
        for (FailureCode c : values()) {
            if (c.name().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown failure code '" + value + "'");
    }
}
