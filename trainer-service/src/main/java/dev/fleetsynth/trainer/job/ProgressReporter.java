package dev.fleetsynth.trainer.job;

import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.events.TrainingProgress;
import dev.fleetsynth.support.kafka.EventPublisher;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns the engine's per-epoch callback into training.progress events and job-row updates: at the
 * start (epoch 0), then whenever {@code progress-fraction} of the epochs or {@code progress-interval}
 * has passed since the last report, and at the last epoch. Not every epoch: small seeds train
 * hundreds of epochs a second, and a Kafka round trip plus a database write each time would slow
 * the training down. The loss of every epoch is kept here, in memory.
 */
final class ProgressReporter implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);

    private final TrainingRequest request;
    private final EventPublisher events;
    private final TrainingJobRows jobs;
    private final TrainerMetrics metrics;
    private final int epochStep;
    private final long intervalNanos;
    private final double[] curve;
    private int epochsDone;
    private int lastEpoch;
    private long lastReport;
    private int reports;

    ProgressReporter(
            TrainingRequest request,
            TrainingConfig config,
            EventPublisher events,
            TrainingJobRows jobs,
            TrainerMetrics metrics) {
        this.request = request;
        this.events = events;
        this.jobs = jobs;
        this.metrics = metrics;
        this.epochStep = Math.max(1, (int) Math.ceil(request.epochs() * config.progressFraction()));
        this.intervalNanos = config.progressInterval().toNanos();
        this.curve = new double[request.epochs()];
    }

    /** Epoch 0: the training starts. */
    void start() {
        report(0, Double.NaN, 0, 0);
    }

    @Override
    public void epoch(EpochProgress p) {
        metrics.epochTrained();
        if (p.epoch() >= 1 && p.epoch() <= curve.length) {
            curve[p.epoch() - 1] = p.loss();
            epochsDone = p.epoch();
        }
        long now = System.nanoTime();
        if (p.epoch() == p.epochs() || p.epoch() - lastEpoch >= epochStep || now - lastReport >= intervalNanos) {
            report(p.epoch(), p.loss(), p.elapsed().toMillis(), p.eta().toMillis());
        }
    }

    /** Goes on from a checkpoint: its epochs' losses are this training's first ones. */
    void resumed(dev.fleetsynth.engine.tvae.Checkpoint c) {
        int n = Math.min(c.epochsDone(), curve.length);
        System.arraycopy(c.lossCurve(), 0, curve, 0, n);
        epochsDone = n;
        lastEpoch = n;
    }

    /** The loss of every epoch reported to this listener so far. */
    double[] lossCurve() {
        return Arrays.copyOf(curve, epochsDone);
    }

    int reports() {
        return reports;
    }

    private void report(int epoch, double loss, long elapsedMs, long etaMs) {
        lastEpoch = epoch;
        lastReport = System.nanoTime();
        reports++;
        double fraction = (double) epoch / request.epochs();
        // Progress is for people watching; a failure to report it must not end a training that is going well.
        try {
            // No loss before the first epoch: the event (whose loss is a required number) says 0, the job row says
            // null.
            events.publish(new TrainingProgress(
                    UUID.randomUUID(),
                    Instant.now(),
                    request.machineId(),
                    request.jobId(),
                    epoch,
                    request.epochs(),
                    Double.isFinite(loss) ? loss : 0,
                    elapsedMs,
                    etaMs));
        } catch (RuntimeException e) {
            LOG.warnf("could not publish training.progress at epoch %d: %s", epoch, e.getMessage());
        }
        try {
            jobs.progress(
                    request.jobId(),
                    epoch,
                    Double.isFinite(loss) ? loss : null,
                    fraction,
                    elapsedMs,
                    etaMs,
                    lossCurve());
        } catch (RuntimeException e) {
            LOG.warnf("could not record progress at epoch %d: %s", epoch, e.getMessage());
        }
    }
}
