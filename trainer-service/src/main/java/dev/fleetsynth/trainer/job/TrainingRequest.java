package dev.fleetsynth.trainer.job;

import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.TrainingRequested;
import dev.fleetsynth.support.jobs.JobRunner;
import java.util.Optional;
import java.util.UUID;

/** A training to run, from a training.requested or from the seed.ready of an auto-pipeline machine. */
public record TrainingRequest(
        FleetEvent trigger,
        UUID jobId,
        String machineId,
        String seedId,
        String seedPath,
        int epochs,
        int batchSize,
        long randomSeed,
        Pipeline pipeline,
        String model,
        String strategy,
        String baseModelPath,
        String mergeSeedPath,
        Integer earlyStop) {

    /** The training an event asks for; empty for events that start none (a manual machine's seed.ready). */
    public static Optional<TrainingRequest> of(FleetEvent event, TrainingConfig config) {
        if (event instanceof TrainingRequested r) {
            return Optional.of(new TrainingRequest(
                    r,
                    r.jobId(),
                    r.machineId(),
                    r.seedId(),
                    r.seedPath(),
                    r.epochs(),
                    r.batchSize(),
                    r.randomSeed(),
                    r.pipeline(),
                    r.model(),
                    r.strategy(),
                    r.baseModelPath(),
                    r.mergeSeedPath(),
                    r.earlyStop()));
        }
        if (event instanceof SeedReady s && s.pipeline() == Pipeline.AUTO) {
            // Nobody asked for this job, so its id comes from the seed event: a redelivered seed.ready finds the same
            // job.
            return Optional.of(new TrainingRequest(
                    s,
                    JobRunner.derivedJobId(Stage.TRAINING, s),
                    s.machineId(),
                    s.seedId(),
                    s.seedPath(),
                    config.autoEpochs(),
                    config.autoBatchSize(),
                    config.autoRandomSeed(),
                    Pipeline.AUTO,
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        return Optional.empty();
    }
}
