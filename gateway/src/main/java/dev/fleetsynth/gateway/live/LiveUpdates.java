package dev.fleetsynth.gateway.live;

import dev.fleetsynth.events.DatasetGenerated;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.TrainingProgress;
import dev.fleetsynth.gateway.task.TaskView;
import dev.fleetsynth.support.jobs.JobRunner;
import java.util.UUID;

/** A task update as WebSocket clients receive it, made from the event itself (same shape as GET /tasks/{id}). */
final class LiveUpdates {
    private LiveUpdates() {}

    static TaskView of(FleetEvent event) {
        if (event instanceof TrainingProgress e) {
            return new TaskView(
                    e.jobId(),
                    e.machineId(),
                    Stage.TRAINING.json(),
                    "running",
                    e.fraction(),
                    e.epoch(),
                    e.epochs(),
                    e.epoch() == 0 ? null : TaskView.finite(e.loss()),
                    e.elapsedMs(),
                    e.etaMs(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    e.occurredAt(),
                    false);
        } else if (event instanceof SeedReady e) {
            return done(
                    e.jobId(),
                    e.machineId(),
                    Stage.SEED,
                    e.seedId(),
                    e.pipeline() == Pipeline.AUTO ? JobRunner.derivedJobId(Stage.TRAINING, e) : null,
                    null,
                    null,
                    null,
                    null,
                    e.durationMs(),
                    event);
        } else if (event instanceof ModelTrained e) {
            return done(
                    e.jobId(),
                    e.machineId(),
                    Stage.TRAINING,
                    e.modelId(),
                    e.pipeline() == Pipeline.AUTO ? JobRunner.derivedJobId(Stage.GENERATION, e) : null,
                    e.epochs(),
                    e.finalLoss(),
                    null,
                    null,
                    e.durationMs(),
                    event);
        } else if (event instanceof DatasetGenerated e) {
            return done(
                    e.jobId(),
                    e.machineId(),
                    Stage.GENERATION,
                    e.datasetId(),
                    null,
                    null,
                    null,
                    e.qualityOverall(),
                    e.grade(),
                    e.durationMs(),
                    event);
        } else if (event instanceof JobFailed e) {
            return new TaskView(
                    e.jobId(),
                    e.machineId(),
                    e.stage().json(),
                    e.code() == FailureCode.CANCELLED ? "cancelled" : "failed",
                    0,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new TaskView.Error(e.code().name(), e.message()),
                    null,
                    null,
                    e.occurredAt(),
                    true);
        }
        return null;
    }

    private static TaskView done(
            UUID jobId,
            String machineId,
            Stage stage,
            String resultId,
            UUID next,
            Integer epochs,
            Double loss,
            Double quality,
            String grade,
            long durationMs,
            FleetEvent event) {
        return new TaskView(
                jobId,
                machineId,
                stage.json(),
                "succeeded",
                1.0,
                epochs,
                epochs,
                TaskView.finite(loss),
                durationMs,
                0L,
                resultId,
                next,
                quality,
                grade,
                null,
                null,
                null,
                event.occurredAt(),
                true);
    }
}
