package dev.fleetsynth.trainer.job;

import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.Merge;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelSummary;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.synth.Synthesizers;
import dev.fleetsynth.engine.synth.TvaeSynthesizer;
import dev.fleetsynth.engine.tvae.TrainingDivergedException;
import dev.fleetsynth.engine.tvae.TrainingResult;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.events.EventIds;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.events.TrainingRequested;
import dev.fleetsynth.support.jobs.JobFailure;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.support.jobs.JobStatus;
import dev.fleetsynth.support.kafka.EventPublisher;
import dev.fleetsynth.trainer.coordination.CancelFlags;
import dev.fleetsynth.trainer.coordination.TrainingLock;
import dev.fleetsynth.trainer.model.Model;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Runs one training job through the {@link JobRunner}: validate the request, wait for the machine's
 * lock (queued), load the seed, train with progress reports and cancel checks, save the model
 * directory all or nothing, record the model and publish model.trained.
 */
@ApplicationScoped
public class TrainingJobs {
    private static final Logger LOG = Logger.getLogger(TrainingJobs.class);

    @Inject
    JobRunner runner;

    @Inject
    TrainingJobRows jobs;

    @Inject
    TrainingLock lock;

    @Inject
    CancelFlags cancels;

    @Inject
    EventPublisher events;

    @Inject
    TrainerMetrics metrics;

    @Inject
    TrainingConfig config;

    @Inject
    ArtifactStore store;

    public void run(TrainingRequest request) {
        runner.run(request.trigger(), request.jobId(), Stage.TRAINING, new Job(request));
    }

    /**
     * model.trained's event id: the same for every run of one job. Should a job ever be announced
     * twice (a replica that lost its partition mid-training and a second one that took it over),
     * consumers drop the repeat by its event id, and the generator derives the same job from it.
     */
    public static UUID resultEventId(UUID jobId) {
        return EventIds.result(Topics.MODEL_TRAINED, jobId);
    }

    /** A model's kind label from its format ("fleetsynth-trajectory" is trajectory). */
    static String kindOf(String format) {
        for (ModelKind k : ModelKind.values()) {
            if (k.format().equals(format)) {
                return k.label();
            }
        }
        return format;
    }

    /** The rows a job trains on, its held-out units, the kind of model and how. */
    private record Training(SourceTable rows, SourceTable holdout, ModelKind kind, FitOptions options) {}

    /** A thread count out of range stops the service at start instead of failing every job. */
    void checkSettings(@Observes StartupEvent start) {
        int threads = threads();
        try {
            TvaeConfig.defaults().withThreads(threads);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("fleetsynth.training.threads: " + e.getMessage(), e);
        }
        LOG.infof("trainings run on %d thread(s)", threads);
    }

    private int threads() {
        return threads(config.threads(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Threads per training: the configured count, else two where the JVM sees at least four cores
     * (a training and the platform's other services fit beside each other), else one.
     */
    static int threads(OptionalInt configured, int processors) {
        return configured.orElse(processors >= 4 ? 2 : 1);
    }

    /** The engine's settings for a request; IllegalArgumentException names what is out of range. */
    static TvaeConfig tvaeConfig(TrainingRequest r, int threads) {
        TvaeConfig d = TvaeConfig.defaults().withEpochs(r.epochs()).withSeed(r.randomSeed());
        return new TvaeConfig(
                d.epochs(),
                r.batchSize(),
                d.embeddingDim(),
                d.compressDim(),
                d.decompressDim(),
                d.l2scale(),
                d.lossFactor(),
                d.learningRate(),
                d.seed(),
                d.earlyStopPatience(),
                d.earlyStopMinDelta(),
                threads);
    }

    /** One job's steps and what its work leaves for the success step. */
    private final class Job implements JobRunner.Steps {
        private final TrainingRequest r;
        private Instant endedAt;
        private Model model;
        private Double realWeight;
        private double[] lossCurve;
        private long elapsedMs;

        Job(TrainingRequest r) {
            this.r = r;
        }

        @Override
        public boolean begin() {
            return jobs.claim(r, lock.owner(r.jobId()));
        }

        @Override
        public FleetEvent work() throws Exception {
            TvaeConfig tvae;
            String modelPath;
            try {
                tvae = tvaeConfig(r, threads());
                modelPath = ArtifactStore.modelPath(r.machineId(), r.jobId().toString());
                store.resolve(r.seedPath());
            } catch (IllegalArgumentException e) {
                throw new JobFailure(FailureCode.INVALID_REQUEST, "invalid training request: " + e.getMessage());
            }
            BooleanSupplier cancelled = cancels.watcher(r.jobId());
            if (cancels.requested(r.jobId())) {
                throw new JobFailure(FailureCode.CANCELLED, "cancelled before it started");
            }
            try (TrainingLock.Lease lease = lock.acquire(r.machineId(), r.jobId(), cancelled)) {
                try {
                    return trainHoldingLock(tvae, modelPath, lease, cancelled);
                } finally {
                    // The job's end is stamped before the lock goes, so that the next job of the machine starts after
                    // it.
                    endedAt = Instant.now();
                }
            } finally {
                if (endedAt == null) {
                    endedAt = Instant.now();
                }
            }
        }

        private FleetEvent trainHoldingLock(
                TvaeConfig tvae, String modelPath, TrainingLock.Lease lease, BooleanSupplier cancelled)
                throws IOException {
            TrainingJob row = jobs.current(r.jobId());
            if (row.jobStatus().finished()) {
                discardCheckpoint(modelPath);
                return repeatOf(row);
            }
            long t0 = System.nanoTime();
            jobs.started(r.jobId(), Instant.now());
            if (store.exists(modelPath)) {
                discardCheckpoint(modelPath); // kept by the run that then saved the model and died
                // A run that died between saving the model and recording it: the model is complete, keep it.
                LOG.infof("model %s exists from an earlier run of this job; recording it", modelPath);
                Synthesizer saved = Synthesizers.load(store.resolve(modelPath));
                return finished(
                        modelPath, saved.summary(), Math.round(saved.summary().seconds() * 1000));
            }
            Training training = training(tvae);
            ProgressReporter progress = new ProgressReporter(r, config, events, jobs, metrics);
            progress.start();
            Checkpoints checkpoints =
                    new Checkpoints(progress, store.resolve(Checkpoints.path(modelPath)), config.checkpointEvery());
            try {
                return train(training, checkpoints, modelPath, lease, cancelled, t0);
            } finally {
                checkpoints.discard(); // the job has ended here, one way or the other; only a dead service leaves it
            }
        }

        private void discardCheckpoint(String modelPath) {
            Checkpoints.discard(store.resolve(Checkpoints.path(modelPath)));
        }

        private FleetEvent train(
                Training training,
                Checkpoints checkpoints,
                String modelPath,
                TrainingLock.Lease lease,
                BooleanSupplier cancelled,
                long t0)
                throws IOException {
            ModelTraining.Trained trained;
            metrics.trainingStarted();
            try {
                trained = ModelTraining.train(
                        training.rows(),
                        training.holdout(),
                        training.kind(),
                        training.options(),
                        checkpoints,
                        () -> lease.lost() || cancelled.getAsBoolean());
            } catch (TrainingDivergedException e) {
                throw new JobFailure(
                        FailureCode.TRAINING_DIVERGED,
                        "training diverged: " + e.getMessage() + "; request it again with another random_seed",
                        e);
            } catch (IllegalArgumentException e) {
                throw new JobFailure(
                        FailureCode.SEED_UNUSABLE, "cannot train on seed " + r.seedPath() + ": " + e.getMessage(), e);
            } finally {
                metrics.trainingEnded();
            }
            if (trained.model() instanceof TvaeSynthesizer tv
                    && tv.model().training().outcome() == TrainingResult.Outcome.CANCELLED) {
                if (lease.lost()) {
                    throw new JobFailure(
                            FailureCode.LOCK_LOST,
                            "the machine's training lock expired during the training; the job stopped "
                                    + "so that two trainings of one machine never run at once; request it again");
                }
                throw new JobFailure(
                        FailureCode.CANCELLED,
                        "cancelled at epoch " + tv.model().training().lossCurve().length + " of " + r.epochs());
            }
            if (cancelledJustNow()) {
                throw new JobFailure(
                        FailureCode.CANCELLED, "cancelled after the last epoch, before the model was saved");
            }
            store.writeDirectory(modelPath, trained::save);
            return finished(
                    modelPath,
                    trained.model().summary(),
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
        }

        /** What to train on and how, from the request's strategy and model. */
        private Training training(TvaeConfig tvae) {
            SourceTable seed = readSource(r.seedPath(), "seed");
            SourceTable holdout = null;
            if (seed.schema().origin() != SourceSchema.Origin.SIMULATED) {
                String holdoutPath = ArtifactStore.holdoutPath(r.seedPath());
                if (Files.isRegularFile(store.resolve(holdoutPath))) {
                    holdout = readSource(holdoutPath, "held-out units");
                }
            }
            FitOptions options = FitOptions.defaults()
                    .withEpochs(tvae.epochs())
                    .withSeed(tvae.seed())
                    .withThreads(tvae.threads())
                    .withPatience(r.earlyStop() == null ? FitOptions.DEFAULT_PATIENCE : r.earlyStop());
            String strategy = r.strategy() == null ? TrainingRequested.STRATEGY_DATA : r.strategy();
            SourceTable rows = seed;
            switch (strategy) {
                case TrainingRequested.STRATEGY_DATA -> {}
                case TrainingRequested.STRATEGY_MERGE -> {
                    if (r.mergeSeedPath() == null) {
                        throw new JobFailure(
                                FailureCode.INVALID_REQUEST,
                                "strategy merge needs merge_seed_path, the machine's simulated seed");
                    }
                    try {
                        Merge.Merged merged = Merge.merge(seed, readSource(r.mergeSeedPath(), "simulated seed"));
                        rows = merged.table();
                        realWeight = merged.realWeight();
                        LOG.infof(
                                "merged %d rows of the data with %d of the simulated seed (data weight %.3f) on %s; left out: %s",
                                merged.realRows(),
                                merged.simulatedRows(),
                                merged.realWeight(),
                                merged.shared(),
                                merged.left());
                    } catch (IllegalArgumentException e) {
                        throw new JobFailure(FailureCode.SEED_UNUSABLE, "cannot merge: " + e.getMessage(), e);
                    }
                }
                case TrainingRequested.STRATEGY_REFINE -> {
                    if (r.baseModelPath() == null) {
                        throw new JobFailure(
                                FailureCode.INVALID_REQUEST,
                                "strategy refine needs base_model_path, the model to continue from");
                    }
                    try {
                        options = options.withRefineFrom(Synthesizers.load(store.resolve(r.baseModelPath())));
                    } catch (IOException | RuntimeException e) {
                        throw new JobFailure(
                                FailureCode.MODEL_MISSING,
                                "cannot load the model to refine at " + r.baseModelPath() + ": " + e.getMessage(),
                                e);
                    }
                }
                default ->
                    throw new JobFailure(
                            FailureCode.INVALID_REQUEST,
                            "unknown strategy '" + strategy + "'; use data, merge or refine");
            }
            ModelKind kind;
            try {
                kind = options.refineFrom() != null ? ModelKind.TVAE : ModelKind.parse(r.model(), rows.schema());
            } catch (IllegalArgumentException e) {
                throw new JobFailure(FailureCode.INVALID_REQUEST, e.getMessage(), e);
            }
            return new Training(rows, holdout, kind, options);
        }

        private SourceTable readSource(String path, String what) {
            if (!Files.isRegularFile(store.resolve(path))) {
                throw new JobFailure(
                        FailureCode.SEED_MISSING,
                        "no " + what + " file at " + path + " in the artifact store; "
                                + "generate the seed (seed.requested) before training on it");
            }
            try {
                return SourceFiles.read(store.resolve(path));
            } catch (IOException | RuntimeException e) {
                throw new JobFailure(
                        FailureCode.SEED_UNUSABLE, "cannot read " + what + " " + path + ": " + e.getMessage(), e);
            }
        }

        /** A cancel that came during the last epoch; Redis being away counts as "not cancelled". */
        private boolean cancelledJustNow() {
            try {
                return cancels.requested(r.jobId());
            } catch (RuntimeException e) {
                return false;
            }
        }

        private ModelTrained finished(String modelPath, ModelSummary summary, long durationMs) {
            double[] curve = summary.lossCurve().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            double finalLoss = curve.length == 0 ? Double.NaN : curve[curve.length - 1];
            model = new Model();
            model.modelId = r.jobId().toString();
            model.machineId = r.machineId();
            model.jobId = r.jobId();
            model.seedId = r.seedId();
            model.path = modelPath;
            model.epochs = curve.length;
            model.finalLoss = finalLoss;
            model.durationMs = durationMs;
            model.createdAt = Instant.now();
            model.kind = kindOf(summary.format());
            model.source = summary.origin();
            model.realWeight = realWeight;
            lossCurve = curve;
            elapsedMs = durationMs;
            return new ModelTrained(
                    resultEventId(r.jobId()),
                    Instant.now(),
                    r.machineId(),
                    r.jobId(),
                    model.modelId,
                    modelPath,
                    r.seedId(),
                    r.seedPath(),
                    curve.length,
                    finalLoss,
                    durationMs,
                    r.pipeline(),
                    kindOf(summary.format()),
                    summary.origin());
        }

        /** The job was finished by another run while this one waited for the lock: announce the same outcome again. */
        private FleetEvent repeatOf(TrainingJob row) {
            if (row.jobStatus() != JobStatus.SUCCEEDED) {
                throw new JobFailure(
                        row.errorCode == null ? FailureCode.INTERNAL : FailureCode.of(row.errorCode),
                        row.errorMessage == null ? "failed in an earlier run" : row.errorMessage);
            }
            Model earlier = jobs.model(row.modelId);
            ModelTrained event = repeat(earlier, row.lossCurve == null ? new double[0] : row.lossCurve);
            model = earlier;
            return event;
        }

        /** The event of a model recorded by an earlier run. */
        private ModelTrained repeat(Model earlier, double[] curve) {
            try {
                return finished(
                        earlier.path,
                        Synthesizers.load(store.resolve(earlier.path)).summary(),
                        earlier.durationMs);
            } catch (IOException | RuntimeException e) {
                throw new JobFailure(
                        FailureCode.MODEL_MISSING,
                        "the model of an earlier run of this job cannot be read: " + e.getMessage(),
                        e);
            }
        }

        @Override
        public void succeeded(FleetEvent result) {
            jobs.succeeded(r.jobId(), model, lossCurve, elapsedMs, endedAt == null ? Instant.now() : endedAt);
        }

        @Override
        public void failed(JobStatus terminal, String code, String message) {
            jobs.failed(r.jobId(), terminal, code, message, endedAt == null ? Instant.now() : endedAt);
        }
    }
}
