package dev.fleetsynth.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Someone asked for (new) seed data of a machine, from the given profile version. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SeedRequested(
        UUID eventId,
        Instant occurredAt,
        String machineId,
        UUID jobId,
        int profileVersion,
        String profilePath,
        int rows,
        long randomSeed,
        Pipeline pipeline,
        String source,
        String ingestRequest)
        implements FleetEvent, JobEvent {
    /** Where a seed comes from: the profile's physics, or a user's uploaded data. */
    public static final String SIMULATED = "simulated";

    public static final String REAL = "real";

    /** A simulated seed (the physics of the profile). */
    public SeedRequested(
            UUID eventId,
            Instant occurredAt,
            String machineId,
            UUID jobId,
            int profileVersion,
            String profilePath,
            int rows,
            long randomSeed,
            Pipeline pipeline) {
        this(
                eventId,
                occurredAt,
                machineId,
                jobId,
                profileVersion,
                profilePath,
                rows,
                randomSeed,
                pipeline,
                SIMULATED,
                null);
    }

    /** Whether the seed is to be made from an upload rather than simulated. */
    public boolean fromUpload() {
        return REAL.equals(source);
    }

    public SeedRequested {
        Objects.requireNonNull(eventId, "event_id");
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(machineId, "machine_id");
        Objects.requireNonNull(jobId, "job_id");
        Objects.requireNonNull(profilePath, "profile_path");
        Objects.requireNonNull(pipeline, "pipeline");
    }

    @Override
    public String topic() {
        return Topics.SEED_REQUESTED;
    }

    @Override
    public Stage stage() {
        return Stage.SEED;
    }
}
