package dev.fleetsynth.seed.generation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import dev.fleetsynth.engine.seed.SeedFiles;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.seed.jobs.SeedJob;
import dev.fleetsynth.seed.seeds.Seed;
import dev.fleetsynth.support.jobs.JobFailure;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.support.jobs.JobRecord;
import dev.fleetsynth.support.jobs.JobStatus;

/** Runs a seed job: profile from the artifact store, physics seed from the engine, Parquet back into the store. */
@ApplicationScoped
public class SeedJobs {
    public static final String PROFILE_MISSING = "PROFILE_MISSING";
    public static final String PROFILE_INVALID = "PROFILE_INVALID";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    @Inject
    JobRunner runner;
    @Inject
    ArtifactStore store;

    private final ProfileReader reader = new ProfileReader();

    public void run(SeedRequest request) {
        runner.run(request.trigger(), request.jobId(), Stage.SEED, new JobRunner.Steps() {
            @Override
            public boolean begin() {
                return SeedJobs.this.begin(request);
            }

            @Override
            public FleetEvent work() throws Exception {
                return SeedJobs.this.work(request);
            }

            @Override
            public void succeeded(FleetEvent result) {
                SeedJobs.this.succeeded(request, (SeedReady) result);
            }

            @Override
            public void failed(JobStatus terminal, String code, String message) {
                SeedJob job = SeedJob.find(request.jobId());
                job.fail(terminal, code, message, Instant.now());
            }
        });
    }

    private boolean begin(SeedRequest r) {
        return JobRecord.begin(SeedJob.find(r.jobId()), () -> {
            SeedJob job = new SeedJob();
            job.jobId = r.jobId();
            job.machineId = r.machineId();
            job.triggerTopic = r.trigger().topic();
            job.pipeline = r.pipeline().json();
            job.profileVersion = r.profileVersion();
            job.rows = r.rows();
            job.randomSeed = r.randomSeed();
            return job;
        }, Instant.now());
    }

    private SeedReady work(SeedRequest r) throws IOException {
        long t0 = System.nanoTime();
        SeedOptions options;
        try {
            options = new SeedOptions(r.rows(), r.randomSeed());
        } catch (IllegalArgumentException e) {
            throw new JobFailure(INVALID_REQUEST, e.getMessage());
        }
        MachineProfile profile = profile(r);
        String path = ArtifactStore.seedPath(r.machineId(), r.seedId());
        SensorTable table = SeedFiles.write(profile, options, store.resolve(path), store.resolve(ArtifactStore.holdoutPath(path)),
                ProgressListener.NONE, ProgressListener.NONE).seed();
        // The result's event id follows from the job: should a job ever run twice (a crash before its
        // outcome was recorded), the trainer drops the second seed.ready as a redelivery.
        UUID eventId = UUID.nameUUIDFromBytes(("seed.ready:" + r.jobId()).getBytes(StandardCharsets.UTF_8));
        return new SeedReady(eventId, Instant.now(), r.machineId(), r.jobId(), r.seedId(), path, table.rows(),
                table.cycles(), r.profileVersion(), (System.nanoTime() - t0) / 1_000_000, r.pipeline());
    }

    private MachineProfile profile(SeedRequest r) throws IOException {
        Path file;
        try {
            file = store.resolve(r.profilePath());
        } catch (IllegalArgumentException e) {
            throw new JobFailure(PROFILE_MISSING, e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new JobFailure(PROFILE_MISSING, "no profile at " + r.profilePath() + " in the artifact store");
        }
        ProfileRead read = reader.read(file);
        if (read instanceof ProfileRead.Invalid invalid) {
            throw new JobFailure(PROFILE_INVALID, "the profile at " + r.profilePath() + " is not valid: "
                    + invalid.problems().stream().limit(5).map(Object::toString).collect(Collectors.joining("; ")));
        }
        MachineProfile profile = ((ProfileRead.Valid) read).profile();
        if (!profile.machineId().equals(r.machineId())) {
            throw new JobFailure(PROFILE_INVALID, "the profile at " + r.profilePath() + " is for machine '" + profile.machineId()
                    + "', not '" + r.machineId() + "'");
        }
        return profile;
    }

    private void succeeded(SeedRequest r, SeedReady ready) {
        Instant now = Instant.now();
        SeedJob job = SeedJob.find(r.jobId());
        job.succeed(now);
        job.seedId = ready.seedId();
        if (Seed.find(ready.seedId()) == null) {
            Seed s = new Seed();
            s.seedId = ready.seedId();
            s.machineId = r.machineId();
            s.jobId = r.jobId();
            s.path = ready.seedPath();
            s.rows = ready.rows();
            s.cycles = ready.cycles();
            s.profileVersion = r.profileVersion();
            s.randomSeed = r.randomSeed();
            s.createdAt = now;
            s.persist();
        }
    }
}
