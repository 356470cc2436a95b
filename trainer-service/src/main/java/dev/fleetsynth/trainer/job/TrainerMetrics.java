package dev.fleetsynth.trainer.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trainer's own metrics, beside the job counters and durations of {@code JobMetrics}:
 * {@code fleetsynth_trainings_running} (trainings in progress on this replica; queued jobs waiting
 * for a machine's lock are not counted) and {@code fleetsynth_training_epochs_total}.
 */
@ApplicationScoped
public class TrainerMetrics {
    @Inject
    MeterRegistry registry;

    private final AtomicInteger running = new AtomicInteger();
    private Counter epochs;

    @PostConstruct
    void register() {
        Gauge.builder("fleetsynth.trainings.running", running, AtomicInteger::get)
                .description("trainings in progress on this replica")
                .register(registry);
        epochs = Counter.builder("fleetsynth.training.epochs")
                .description("epochs trained")
                .register(registry);
    }

    public void trainingStarted() {
        running.incrementAndGet();
    }

    public void trainingEnded() {
        running.decrementAndGet();
    }

    public void epochTrained() {
        epochs.increment();
    }
}
