package dev.fleetsynth.gateway.task;

import dev.fleetsynth.events.DatasetGenerated;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.GenerationRequested;
import dev.fleetsynth.events.JobEvent;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.SeedRequested;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.TrainingProgress;
import dev.fleetsynth.events.TrainingRequested;
import dev.fleetsynth.gateway.live.LatestProgress;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.support.kafka.Outbox;
import dev.fleetsynth.support.kafka.OutboxRelay;
import dev.fleetsynth.support.kafka.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the tasks table in step with the events of every service. Events of different topics
 * may arrive in any order (training.progress after model.trained, say), so a finished task never
 * goes back to running and progress only moves forward.
 */
@ApplicationScoped
public class TaskTracker {
    @Inject
    ProcessedEvents processed;

    @Inject
    LatestProgress latest;

    @Inject
    OutboxRelay outbox;

    @Incoming("tasks")
    @Blocking
    public void onEvent(FleetEvent event) {
        if (event == null) {
            return;
        }
        Task changed = QuarkusTransaction.requiringNew().call(() -> {
            if (processed.seen(event)) {
                return null;
            }
            if (event instanceof JobEvent j && Task.findById(j.jobId()) == null && TaskData.deleted(j.jobId())) {
                processed.markProcessed(event); // of a deleted machine: its task stays gone
                return null;
            }
            Task t = apply(event);
            processed.markProcessed(event);
            return t;
        });
        if (changed != null) {
            latest.remember(TaskView.of(changed));
        }
    }

    /**
     * Asks for a job: records its task and the request in the outbox in one transaction, then sends the
     * request. A request the broker does not take now is still accepted: the outbox relay sends it
     * within seconds, so a task is never left queued with no request on its way.
     */
    public <E extends FleetEvent & JobEvent> Task request(E request, UUID batchId) {
        Task task = QuarkusTransaction.requiringNew().call(() -> {
            Task t = findOrCreate(request.jobId(), request.machineId(), request.stage(), Instant.now());
            t.batchId = batchId;
            Outbox.announce(request);
            return t;
        });
        outbox.sendAnnounced(request);
        return task;
    }

    private Task apply(FleetEvent event) {
        Instant now = event.occurredAt();
        if (event instanceof SeedRequested e) {
            return findOrCreate(e.jobId(), e.machineId(), Stage.SEED, now);
        } else if (event instanceof SeedReady e) {
            Task t = succeed(findOrCreate(e.jobId(), e.machineId(), Stage.SEED, now), now);
            t.resultId = e.seedId();
            if (e.pipeline() == Pipeline.AUTO) {
                t.nextTaskId = JobRunner.derivedJobId(Stage.TRAINING, e);
                findOrCreate(t.nextTaskId, e.machineId(), Stage.TRAINING, now);
            }
            return t;
        } else if (event instanceof TrainingRequested e) {
            Task t = findOrCreate(e.jobId(), e.machineId(), Stage.TRAINING, now);
            if (t.epochs == null) {
                t.epochs = e.epochs();
                t.epoch = 0;
            }
            return t;
        } else if (event instanceof TrainingProgress e) {
            Task t = findOrCreate(e.jobId(), e.machineId(), Stage.TRAINING, now);
            if (!t.finished() && (t.epoch == null || e.epoch() >= t.epoch)) {
                t.status = "running";
                t.epoch = e.epoch();
                t.epochs = e.epochs();
                t.loss = e.epoch() == 0 ? null : e.loss();
                t.elapsedMs = e.elapsedMs();
                t.etaMs = e.etaMs();
                t.progress = e.fraction();
                t.updatedAt = now;
            }
            return t;
        } else if (event instanceof ModelTrained e) {
            Task t = succeed(findOrCreate(e.jobId(), e.machineId(), Stage.TRAINING, now), now);
            t.resultId = e.modelId();
            t.epoch = e.epochs();
            t.epochs = e.epochs();
            t.loss = e.finalLoss();
            t.elapsedMs = e.durationMs();
            t.etaMs = 0L;
            if (e.pipeline() == Pipeline.AUTO) {
                t.nextTaskId = JobRunner.derivedJobId(Stage.GENERATION, e);
                findOrCreate(t.nextTaskId, e.machineId(), Stage.GENERATION, now);
            }
            return t;
        } else if (event instanceof GenerationRequested e) {
            return findOrCreate(e.jobId(), e.machineId(), Stage.GENERATION, now);
        } else if (event instanceof DatasetGenerated e) {
            Task t = succeed(findOrCreate(e.jobId(), e.machineId(), Stage.GENERATION, now), now);
            t.resultId = e.datasetId();
            t.qualityOverall = e.qualityOverall();
            t.grade = e.grade();
            t.elapsedMs = e.durationMs();
            return t;
        } else if (event instanceof JobFailed e) {
            Task t = findOrCreate(e.jobId(), e.machineId(), e.stage(), now);
            t.status = e.code() == FailureCode.CANCELLED ? "cancelled" : "failed";
            t.errorCode = e.code().name();
            t.errorMessage = e.message();
            t.etaMs = null;
            t.updatedAt = now;
            return t;
        }
        return null; // machine.created: no task
    }

    private static Task succeed(Task t, Instant now) {
        t.status = "succeeded";
        t.progress = 1.0;
        t.errorCode = null;
        t.errorMessage = null;
        t.updatedAt = now;
        return t;
    }

    private static Task findOrCreate(UUID taskId, String machineId, Stage stage, Instant now) {
        Task t = Task.findById(taskId);
        if (t == null) {
            t = new Task();
            t.taskId = taskId;
            t.machineId = machineId;
            t.stage = stage.json();
            t.status = "queued";
            t.createdAt = now;
            t.updatedAt = now;
            t.persist();
        }
        return t;
    }
}
