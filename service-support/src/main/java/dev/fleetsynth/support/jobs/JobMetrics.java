package dev.fleetsynth.support.jobs;

import dev.fleetsynth.events.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Job counters and durations per stage, as Prometheus metrics (fleetsynth_jobs_*). */
@ApplicationScoped
public class JobMetrics {
    @Inject
    MeterRegistry registry;

    public void started(Stage stage) {
        registry.counter("fleetsynth.jobs.started", "stage", stage.json()).increment();
    }

    public void succeeded(Stage stage, Duration duration) {
        registry.counter("fleetsynth.jobs.succeeded", "stage", stage.json()).increment();
        Timer.builder("fleetsynth.jobs.duration")
                .tag("stage", stage.json())
                .tag("outcome", "succeeded")
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }

    public void failed(Stage stage, String code, Duration duration) {
        registry.counter("fleetsynth.jobs.failed", "stage", stage.json(), "code", code)
                .increment();
        Timer.builder("fleetsynth.jobs.duration")
                .tag("stage", stage.json())
                .tag("outcome", "failed")
                .register(registry)
                .record(duration);
    }

    public void rowsGenerated(String kind, long rows) {
        registry.counter("fleetsynth.rows.generated", "kind", kind).increment(rows);
    }
}
