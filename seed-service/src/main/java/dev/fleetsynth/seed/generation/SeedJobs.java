package dev.fleetsynth.seed.generation;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.ingest.IngestException;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import dev.fleetsynth.engine.seed.SeedFiles;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.events.EventIds;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.SeedRequested;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.seed.jobs.SeedJob;
import dev.fleetsynth.seed.seeds.Seed;
import dev.fleetsynth.seed.upload.IngestRequest;
import dev.fleetsynth.seed.upload.Uploads;
import dev.fleetsynth.support.jobs.JobCancels;
import dev.fleetsynth.support.jobs.JobFailure;
import dev.fleetsynth.support.jobs.JobRecord;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.support.jobs.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/** Runs a seed job: profile from the artifact store, physics seed from the engine, Parquet back into the store. */
@ApplicationScoped
public class SeedJobs {

    @Inject
    JobRunner runner;

    @Inject
    ArtifactStore store;

    @Inject
    JobCancels cancels;

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
        return JobRecord.begin(
                SeedJob.find(r.jobId()),
                () -> {
                    SeedJob job = new SeedJob();
                    job.jobId = r.jobId();
                    job.machineId = r.machineId();
                    job.triggerTopic = r.trigger().topic();
                    job.pipeline = r.pipeline().json();
                    job.profileVersion = r.profileVersion();
                    job.rows = r.rows();
                    job.randomSeed = r.randomSeed();
                    job.source = r.source();
                    return job;
                },
                Instant.now());
    }

    private SeedReady work(SeedRequest r) throws IOException {
        if (r.real()) {
            return ingest(r);
        }
        long t0 = System.nanoTime();
        SeedOptions options;
        try {
            options = new SeedOptions(r.rows(), r.randomSeed());
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.INVALID_REQUEST, e.getMessage());
        }
        MachineProfile profile = profile(r.profilePath(), r.machineId());
        String path = ArtifactStore.seedPath(r.machineId(), r.seedId());
        Path holdout = store.resolve(ArtifactStore.holdoutPath(path));
        JobCancels.Watch watch = cancels.watch(r.jobId());
        ProgressListener cancelCheck = (done, total) -> watch.stopIfCancelled();
        SensorTable table;
        try {
            table = SeedFiles.write(profile, options, store.resolve(path), holdout, cancelCheck, cancelCheck)
                    .seed();
            watch.stopIfCancelledNow();
        } catch (JobFailure f) {
            // the holdout is written first, the seed last: a cancel leaves neither
            Files.deleteIfExists(holdout);
            Files.deleteIfExists(store.resolve(path));
            throw f;
        }
        // The result's event id follows from the job: should a job ever run twice (a crash before its
        // outcome was recorded), the trainer drops the second seed.ready as a redelivery.
        UUID eventId = EventIds.result(Topics.SEED_READY, r.jobId());
        return new SeedReady(
                eventId,
                Instant.now(),
                r.machineId(),
                r.jobId(),
                r.seedId(),
                path,
                table.rows(),
                table.cycles(),
                r.profileVersion(),
                (System.nanoTime() - t0) / 1_000_000,
                r.pipeline(),
                SeedRequested.SIMULATED,
                ArtifactStore.holdoutPath(path));
    }

    /**
     * A seed from an upload: the engine's ingestion writes the training units, the held-out units
     * and its report into a scratch directory of the store, then each is renamed into its place
     * (the held-out units and report first, so a seed file always has them beside it).
     */
    private SeedReady ingest(SeedRequest r) throws IOException {
        long t0 = System.nanoTime();
        IngestRequest request;
        try {
            request = IngestRequest.fromJson(r.ingestRequest());
        } catch (IOException | RuntimeException e) {
            throw new JobFailure(FailureCode.INVALID_REQUEST, "the ingest request is not valid: " + e.getMessage());
        }
        Path data;
        try {
            data = store.resolve(Uploads.dataPath(request.uploadId()));
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.INVALID_REQUEST, e.getMessage());
        }
        if (!Files.isRegularFile(data)) {
            throw new JobFailure(
                    FailureCode.UPLOAD_MISSING,
                    "no complete upload '" + request.uploadId() + "'; upload the file (all chunks) first");
        }
        MachineProfile profile = request.profilePath() == null ? null : profile(request.profilePath(), r.machineId());
        String path = ArtifactStore.seedPath(r.machineId(), r.seedId());
        Path scratch = store.resolve("machines/" + r.machineId() + "/seed/.ingest-" + r.seedId());
        Ingest.Result result;
        try {
            AtomicFiles.deleteTree(scratch);
            JobCancels.Watch watch = cancels.watch(r.jobId());
            result = Ingest.run(
                    data,
                    request.options(profile, r.machineId(), Long.MAX_VALUE),
                    scratch,
                    (done, total) -> watch.stopIfCancelled());
            watch.stopIfCancelledNow(); // before anything is moved into place
            Files.move(
                    result.holdout(),
                    store.resolve(ArtifactStore.holdoutPath(path)),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(
                    scratch.resolve(Ingest.REPORT_FILE),
                    store.resolve(reportPath(path)),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(result.seed(), store.resolve(path), StandardCopyOption.REPLACE_EXISTING);
        } catch (IngestException e) {
            throw new JobFailure(
                    FailureCode.DATA_INVALID,
                    "the data cannot be brought in: "
                            + e.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.INVALID_REQUEST, e.getMessage());
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
        UUID eventId = EventIds.result(Topics.SEED_READY, r.jobId());
        return new SeedReady(
                eventId,
                Instant.now(),
                r.machineId(),
                r.jobId(),
                r.seedId(),
                path,
                (int) result.report().rowsWritten(),
                result.report().units() - result.report().unitsHeldOut().size(),
                r.profileVersion(),
                (System.nanoTime() - t0) / 1_000_000,
                r.pipeline(),
                SeedRequested.REAL,
                ArtifactStore.holdoutPath(path));
    }

    /** Where a real seed's ingest report lies: beside the seed. */
    public static String reportPath(String seedPath) {
        return seedPath.replaceFirst("\\.parquet$", "") + ".ingest.json";
    }

    private MachineProfile profile(String profilePath, String machineId) throws IOException {
        Path file;
        try {
            file = store.resolve(profilePath);
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.PROFILE_MISSING, e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new JobFailure(
                    FailureCode.PROFILE_MISSING, "no profile at " + profilePath + " in the artifact store");
        }
        ProfileRead read = reader.read(file);
        if (read instanceof ProfileRead.Invalid invalid) {
            throw new JobFailure(
                    FailureCode.PROFILE_INVALID,
                    "the profile at " + profilePath + " is not valid: "
                            + invalid.problems().stream()
                                    .limit(5)
                                    .map(Object::toString)
                                    .collect(Collectors.joining("; ")));
        }
        MachineProfile profile = ((ProfileRead.Valid) read).profile();
        if (!profile.machineId().equals(machineId)) {
            throw new JobFailure(
                    FailureCode.PROFILE_INVALID,
                    "the profile at " + profilePath + " is for machine '" + profile.machineId() + "', not '" + machineId
                            + "'");
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
            s.source = ready.source() == null ? SeedRequested.SIMULATED : ready.source();
            s.holdoutPath = ready.holdoutPath();
            s.reportPath = r.real() ? reportPath(ready.seedPath()) : null;
            s.persist();
        }
    }
}
