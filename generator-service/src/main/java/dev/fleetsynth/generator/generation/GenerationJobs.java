package dev.fleetsynth.generator.generation;

import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.synth.Synthesizers;
import dev.fleetsynth.events.DatasetGenerated;
import dev.fleetsynth.events.EventIds;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.generator.datasets.Dataset;
import dev.fleetsynth.generator.jobs.GenerationJob;
import dev.fleetsynth.support.jobs.JobCancels;
import dev.fleetsynth.support.jobs.JobFailure;
import dev.fleetsynth.support.jobs.JobMetrics;
import dev.fleetsynth.support.jobs.JobRecord;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.support.jobs.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a generation job: model and seed from the artifact store, a synthetic dataset and its quality
 * report from the engine, all four files written into the store as one directory (all or nothing).
 */
@ApplicationScoped
public class GenerationJobs {

    /**
     * The memory a dataset may take; 0 for this JVM's heap. A dataset that would not fit fails its job at
     * once with {@link FailureCode#DATASET_TOO_LARGE}: run out of memory instead, the service died, and died again
     * on the redelivery after every restart.
     */
    @org.eclipse.microprofile.config.inject.ConfigProperty(
            name = "fleetsynth.generation.heap-bytes",
            defaultValue = "0")
    long heapBytes;

    @Inject
    JobRunner runner;

    @Inject
    ArtifactStore store;

    @Inject
    JobMetrics metrics;

    @Inject
    JobCancels cancels;

    /** The result and what the datasets row needs beyond the event. */
    private record Outcome(DatasetGenerated event, Double utilityRatio) {}

    public void run(GenerationRequest request) {
        // The row needs the utility ratio, which the event does not carry: kept here between work and record.
        Outcome[] outcome = new Outcome[1];
        runner.run(request.trigger(), request.jobId(), Stage.GENERATION, new JobRunner.Steps() {
            @Override
            public boolean begin() {
                return GenerationJobs.this.begin(request);
            }

            @Override
            public FleetEvent work() throws Exception {
                outcome[0] = GenerationJobs.this.work(request);
                return outcome[0].event();
            }

            @Override
            public void succeeded(FleetEvent result) {
                GenerationJobs.this.succeeded(request, outcome[0]);
            }

            @Override
            public void failed(JobStatus terminal, String code, String message) {
                GenerationJob job = GenerationJob.find(request.jobId());
                job.fail(terminal, code, message, Instant.now());
            }
        });
    }

    private boolean begin(GenerationRequest r) {
        return JobRecord.begin(
                GenerationJob.find(r.jobId()),
                () -> {
                    GenerationJob job = new GenerationJob();
                    job.jobId = r.jobId();
                    job.machineId = r.machineId();
                    job.triggerTopic = r.trigger().topic();
                    job.modelId = r.modelId();
                    job.modelPath = r.modelPath();
                    job.seedPath = r.seedPath();
                    job.trainRows = r.trainRows();
                    job.valRows = r.valRows();
                    job.testRows = r.testRows();
                    job.randomSeed = r.randomSeed();
                    return job;
                },
                Instant.now());
    }

    private Outcome work(GenerationRequest r) throws IOException {
        long t0 = System.nanoTime();
        SplitSizes sizes;
        try {
            sizes = new SplitSizes(r.trainRows(), r.valRows(), r.testRows());
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.INVALID_REQUEST, e.getMessage());
        }
        String path;
        try {
            path = ArtifactStore.datasetPath(r.machineId(), r.datasetId());
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.INVALID_REQUEST, e.getMessage());
        }
        Synthesizer model = model(r);
        try {
            DatasetGenerator.requireFits(
                    model.schema(),
                    DatasetGenerator.held(sizes),
                    heapBytes > 0 ? heapBytes : Runtime.getRuntime().maxMemory());
        } catch (IllegalArgumentException e) {
            throw new JobFailure(FailureCode.DATASET_TOO_LARGE, e.getMessage());
        }
        SourceTable seed = seed(r);
        SourceTable holdout = holdout(r);
        // Checked between the steps and before each part of a large dataset: drawing and scoring a
        // million rows take about a second each. An existing directory is this job's finished output
        // from an earlier run (a dataset is only ever renamed into place complete): it is kept. A
        // cancel during the writing leaves the scratch directory, which writeDirectory removes.
        JobCancels.Watch watch = cancels.watch(r.jobId());
        watch.stopIfCancelled();
        var refit = ModelTraining.refitNote(store.resolve(r.modelPath()), holdout);
        Map<String, String> footer = DatasetGenerator.footer(r.randomSeed());
        DatasetGenerator.Written[] written = new DatasetGenerator.Written[1];
        store.writeDirectory(path, dir -> {
            written[0] = DatasetGenerator.generateInto(
                    dir, model, seed, holdout, sizes, r.randomSeed(), footer, refit, watch::stopIfCancelled);
            watch.stopIfCancelledNow(); // the last look before the dataset is renamed into place
        });
        if (written[0] == null) {
            // Kept from an earlier run of this job that finished it; the same seed draws the same rows, so
            // its figures are drawn again beside it and the copy dropped.
            Path again = store.resolve(path).resolveSibling("." + r.datasetId() + ".again-" + UUID.randomUUID());
            try {
                written[0] = DatasetGenerator.generateInto(
                        again, model, seed, holdout, sizes, r.randomSeed(), footer, refit, watch::stopIfCancelled);
            } finally {
                AtomicFiles.deleteTree(again);
            }
        }
        DatasetGenerator.Written dataset = written[0];
        metrics.rowsGenerated("synthetic", dataset.rows());

        QualityReport q = dataset.quality();
        // Follows from the job, so a job that ever ran twice announces its dataset once to consumers that drop
        // redeliveries.
        UUID eventId = EventIds.result(Topics.DATASET_GENERATED, r.jobId());
        DatasetGenerated event = new DatasetGenerated(
                eventId,
                Instant.now(),
                r.machineId(),
                r.jobId(),
                r.datasetId(),
                r.modelId(),
                path,
                dataset.trainRows(),
                dataset.valRows(),
                dataset.testRows(),
                q.overall(),
                q.columnShapes(),
                q.columnPairTrends(),
                q.grade().label(),
                q.passed(),
                (System.nanoTime() - t0) / 1_000_000);
        Double utility = q.utility() == null || Double.isNaN(q.utility().ratio())
                ? null
                : q.utility().ratio();
        return new Outcome(event, utility);
    }

    private Synthesizer model(GenerationRequest r) {
        Path dir = existing(r.modelPath(), FailureCode.MODEL_MISSING, "model");
        if (!Files.isRegularFile(dir.resolve(Synthesizer.JSON_FILE))) {
            throw new JobFailure(
                    FailureCode.MODEL_MISSING,
                    "no complete model at " + r.modelPath() + " in the artifact store (no " + Synthesizer.JSON_FILE
                            + ")");
        }
        try {
            return Synthesizers.load(dir);
        } catch (IOException | RuntimeException e) {
            throw new JobFailure(
                    FailureCode.MODEL_INVALID, "cannot load the model at " + r.modelPath() + ": " + e.getMessage(), e);
        }
    }

    private SourceTable seed(GenerationRequest r) {
        Path file = existing(r.seedPath(), FailureCode.SEED_MISSING, "seed");
        if (!Files.isRegularFile(file)) {
            throw new JobFailure(
                    FailureCode.SEED_MISSING, "no seed file at " + r.seedPath() + " in the artifact store");
        }
        try {
            return SourceFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw new JobFailure(
                    FailureCode.SEED_UNUSABLE, "cannot read the seed at " + r.seedPath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The seed's holdout, which the seed service writes beside it, for the quality report's utility
     * regressors; {@code null} for a seed without one (made before holdouts were), whose report then
     * holds out seed cycles instead and says so.
     */
    private SourceTable holdout(GenerationRequest r) {
        String relative;
        try {
            relative = ArtifactStore.holdoutPath(r.seedPath());
        } catch (IllegalArgumentException e) {
            return null;
        }
        Path file = store.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SourceFiles.read(file);
        } catch (IOException | RuntimeException e) {
            throw new JobFailure(
                    FailureCode.SEED_UNUSABLE,
                    "cannot read the seed's holdout at " + relative + ": " + e.getMessage(),
                    e);
        }
    }

    private Path existing(String relative, FailureCode code, String what) {
        Path p;
        try {
            p = store.resolve(relative);
        } catch (IllegalArgumentException e) {
            throw new JobFailure(code, "the " + what + " path is not usable: " + e.getMessage());
        }
        if (!Files.exists(p)) {
            throw new JobFailure(code, "no " + what + " at " + relative + " in the artifact store");
        }
        return p;
    }

    private void succeeded(GenerationRequest r, Outcome outcome) {
        DatasetGenerated e = outcome.event();
        Instant now = Instant.now();
        GenerationJob job = GenerationJob.find(r.jobId());
        job.succeed(now);
        job.datasetId = e.datasetId();
        if (Dataset.find(e.datasetId()) == null) {
            Dataset d = new Dataset();
            d.datasetId = e.datasetId();
            d.machineId = r.machineId();
            d.jobId = r.jobId();
            d.modelId = r.modelId();
            d.path = e.datasetPath();
            d.seedPath = r.seedPath();
            d.trainRows = e.trainRows();
            d.valRows = e.valRows();
            d.testRows = e.testRows();
            d.qualityOverall = finite(e.qualityOverall());
            d.columnShapes = finite(e.columnShapes());
            d.columnPairTrends = finite(e.columnPairTrends());
            d.grade = e.grade();
            d.passed = e.passed();
            d.utilityRatio = outcome.utilityRatio();
            d.randomSeed = r.randomSeed();
            d.createdAt = now;
            d.persist();
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
