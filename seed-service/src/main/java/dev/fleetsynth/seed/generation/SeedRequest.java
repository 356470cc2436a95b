package dev.fleetsynth.seed.generation;

import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.MachineCreated;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedRequested;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.support.jobs.JobRunner;
import java.util.UUID;

/** What to seed, whichever event asked for it. */
public record SeedRequest(
        FleetEvent trigger,
        UUID jobId,
        String machineId,
        int profileVersion,
        String profilePath,
        int rows,
        long randomSeed,
        Pipeline pipeline,
        String source,
        String ingestRequest) {
    /** What the auto pipeline seeds a new machine with (the seeds' defaults). */
    public static final int AUTO_ROWS = 10_000;

    public static final long AUTO_RANDOM_SEED = 42;

    public static SeedRequest of(SeedRequested e) {
        return new SeedRequest(
                e,
                e.jobId(),
                e.machineId(),
                e.profileVersion(),
                e.profilePath(),
                e.rows(),
                e.randomSeed(),
                e.pipeline(),
                e.fromUpload() ? SeedRequested.REAL : SeedRequested.SIMULATED,
                e.ingestRequest());
    }

    /** A new machine in the auto pipeline; the job id is derived, so a redelivery finds the same job. */
    public static SeedRequest of(MachineCreated e) {
        return new SeedRequest(
                e,
                JobRunner.derivedJobId(Stage.SEED, e),
                e.machineId(),
                e.profileVersion(),
                e.profilePath(),
                AUTO_ROWS,
                AUTO_RANDOM_SEED,
                e.pipeline(),
                SeedRequested.SIMULATED,
                null);
    }

    /** Whether the seed comes from an upload rather than the profile's physics. */
    public boolean real() {
        return SeedRequested.REAL.equals(source);
    }

    /** The seed's id is its job's id: one job writes one seed, and a rerun of the job the same one. */
    public String seedId() {
        return jobId.toString();
    }
}
