package dev.fleetsynth.support.jobs;

import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.support.kafka.DeadLetters;
import dev.fleetsynth.support.kafka.EventAttempt;
import dev.fleetsynth.support.kafka.EventPublisher;
import dev.fleetsynth.support.kafka.Outbox;
import dev.fleetsynth.support.kafka.ProcessedEvents;
import dev.fleetsynth.support.machines.DeletedMachine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs one job for one event, the same way in every service: drop a redelivered event or one made
 * before its machine was deleted ({@link DeletedMachine}), make or find the job row, claim it unless
 * it was cancelled while it waited ({@link JobCancels}), count the start (a fourth start fails the
 * job and sends its event to the dead-letter topic: the first three took the service down), do the work outside any transaction, then record the
 * outcome, the event as processed and the result event (the {@link Outbox}) in one transaction, and
 * publish the result (or {@code job.failed}) after it commits; a redelivered trigger publishes its
 * recorded result again.
 */
@ApplicationScoped
public class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    /** Starts of one event's job before it is given up (each one that did not finish was a stop of the service). */
    static final int MAX_ATTEMPTS = 3;

    /** The service-specific parts of a job. */
    public interface Steps {
        /** In a transaction: create the job row (or find it). False when it has already run. */
        boolean begin();

        /** The work, outside any transaction; returns the event that announces the result. */
        FleetEvent work() throws Exception;

        /** In a transaction: record the success. */
        void succeeded(FleetEvent result);

        /** In a transaction: record the failure. */
        void failed(JobStatus terminal, String code, String message);
    }

    @Inject
    ProcessedEvents processed;

    @Inject
    EventPublisher events;

    @Inject
    JobMetrics metrics;

    @Inject
    JobCancels cancels;

    @Inject
    DeadLetters deadLetters;

    static final int RETRIES = 2;
    private final Guard retries = Guard.create()
            .withRetry()
            .maxRetries(RETRIES)
            .delay(2, ChronoUnit.SECONDS)
            .jitter(0, ChronoUnit.MILLIS)
            .maxDuration(24, ChronoUnit.HOURS)
            .withExponentialBackoff()
            .factor(2)
            .done()
            .beforeRetry((Throwable e) -> LOG.warnf(e, "a job's step failed; trying the job again"))
            .done()
            .build();

    /**
     * Runs the job of one trigger. A step that throws outside the work (the database, Redis or the broker
     * failing under it) is tried again from the start, 2 s and 4 s later: every step is safe to repeat.
     * A trigger that still fails is not dropped as if handled, which would leave its job queued for
     * ever: it goes whole to the dead-letter topic, and its job is failed with code INTERNAL.
     */
    public void run(FleetEvent trigger, UUID jobId, Stage stage, Steps steps) {
        try (JobLog log = JobLog.of(trigger.machineId(), jobId)) {
            try {
                retries.call(
                        () -> {
                            runOnce(trigger, jobId, stage, steps);
                            return null;
                        },
                        Object.class);
            } catch (Exception e) {
                String reason =
                        "the service could not handle this request " + (RETRIES + 1) + " times: " + rootMessage(e);
                LOG.errorf(e, "%s %s: %s", trigger.topic(), trigger.eventId(), reason);
                try {
                    deadLetters.send(trigger, FailureCode.INTERNAL, reason, RETRIES + 1);
                    finishFailed(
                            trigger,
                            jobId,
                            stage,
                            steps,
                            JobStatus.FAILED,
                            FailureCode.INTERNAL,
                            reason,
                            System.nanoTime());
                } catch (RuntimeException again) {
                    LOG.errorf(again, "could not send job %s to the dead letters or record its failure either", jobId);
                }
            }
        }
    }

    /** The innermost cause's message (the database's own words rather than the transaction manager's wrappers). */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? "an unexpected error (the service's log has it)" : root.getMessage();
    }

    private void runOnce(FleetEvent trigger, UUID jobId, Stage stage, Steps steps) {
        if (QuarkusTransaction.requiringNew()
                .call(() -> DeletedMachine.deletedSince(trigger.machineId(), trigger.occurredAt()))) {
            LOG.infof("%s %s was made before its machine was deleted; dropped", trigger.topic(), trigger.eventId());
            QuarkusTransaction.requiringNew().run(() -> processed.markProcessed(trigger));
            return;
        }
        boolean fresh = QuarkusTransaction.requiringNew().call(() -> !processed.seen(trigger) && steps.begin());
        if (!fresh) {
            LOG.infof("%s %s already handled; redelivery dropped", trigger.topic(), trigger.eventId());
            QuarkusTransaction.requiringNew().run(() -> processed.markProcessed(trigger));
            // it may be back because the service died after recording the outcome and before publishing it
            QuarkusTransaction.requiringNew()
                    .call(() -> Outbox.unpublishedOutcomeOf(trigger))
                    .ifPresent(outcome -> published(trigger, outcome));
            return;
        }
        if (QuarkusTransaction.requiringNew().call(() -> cancels.claimCancelled(jobId))) {
            finishFailed(
                    trigger,
                    jobId,
                    stage,
                    steps,
                    JobStatus.CANCELLED,
                    FailureCode.CANCELLED,
                    JobCancels.CANCELLED_BEFORE_START,
                    System.nanoTime());
            return;
        }
        // Counted and committed before the work: a job that takes its service down (out of memory,
        // a native crash) is redelivered after the restart and would take it down again, forever.
        int attempt =
                QuarkusTransaction.requiringNew().call(() -> EventAttempt.next(trigger.eventId(), trigger.topic()));
        if (attempt > MAX_ATTEMPTS) {
            String reason =
                    "the service stopped " + (attempt - 1) + " times while running this job, so it is given up rather "
                            + "than started again; its log says why (a stop of the whole stack during the job counts too: request it again)";
            // Kept whole on the dead-letter topic, to be looked at and sent again once the cause is mended;
            // before the failure is recorded, so that a stop in between sends it again (one id: consumers drop the
            // repeat).
            deadLetters.send(trigger, FailureCode.WORKER_CRASHED, reason, attempt - 1);
            finishFailed(
                    trigger,
                    jobId,
                    stage,
                    steps,
                    JobStatus.FAILED,
                    FailureCode.WORKER_CRASHED,
                    reason,
                    System.nanoTime());
            return;
        }
        metrics.started(stage);
        long t0 = System.nanoTime();
        FleetEvent result;
        try {
            result = steps.work();
        } catch (JobFailure f) {
            finishFailed(
                    trigger,
                    jobId,
                    stage,
                    steps,
                    f.cancelled() ? JobStatus.CANCELLED : JobStatus.FAILED,
                    f.code(),
                    f.getMessage(),
                    t0);
            return;
        } catch (Exception | OutOfMemoryError e) {
            LOG.errorf(e, "%s job failed", stage.json());
            finishFailed(
                    trigger,
                    jobId,
                    stage,
                    steps,
                    JobStatus.FAILED,
                    FailureCode.INTERNAL,
                    String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    t0);
            return;
        }
        boolean machineGone = QuarkusTransaction.requiringNew().call(() -> {
            // Its machine may have been deleted while it ran: its result is not recorded for a machine that is gone.
            if (DeletedMachine.deletedSince(trigger.machineId(), trigger.occurredAt())) {
                return true;
            }
            steps.succeeded(result);
            processed.markProcessed(trigger);
            Outbox.record(trigger, result);
            return false;
        });
        if (machineGone) {
            finishFailed(
                    trigger,
                    jobId,
                    stage,
                    steps,
                    JobStatus.CANCELLED,
                    FailureCode.CANCELLED,
                    JobCancels.MACHINE_DELETED,
                    t0);
            return;
        }
        published(trigger, result);
        metrics.succeeded(stage, Duration.ofNanos(System.nanoTime() - t0));
        LOG.infof("%s job succeeded in %.1f s", stage.json(), (System.nanoTime() - t0) / 1e9);
    }

    private void finishFailed(
            FleetEvent trigger,
            UUID jobId,
            Stage stage,
            Steps steps,
            JobStatus terminal,
            FailureCode code,
            String message,
            long t0) {
        JobFailed failed = code == FailureCode.CANCELLED
                ? JobCancels.cancelled(trigger.machineId(), jobId, stage, message)
                : JobFailed.now(trigger.machineId(), jobId, stage, code, message);
        QuarkusTransaction.requiringNew().run(() -> {
            steps.failed(terminal, code.name(), message);
            processed.markProcessed(trigger);
            Outbox.record(trigger, failed);
        });
        published(trigger, failed);
        metrics.failed(stage, code.name(), Duration.ofNanos(System.nanoTime() - t0));
        LOG.warnf("%s job %s: %s", stage.json(), code, message);
    }

    private void published(FleetEvent trigger, FleetEvent outcome) {
        events.publish(outcome);
        QuarkusTransaction.requiringNew().run(() -> Outbox.markPublished(trigger));
    }

    /** The id of a job that an event starts by itself (auto pipeline): the same for a redelivery. */
    public static UUID derivedJobId(Stage stage, FleetEvent trigger) {
        return dev.fleetsynth.events.EventIds.derived(stage.json(), trigger.eventId());
    }
}
