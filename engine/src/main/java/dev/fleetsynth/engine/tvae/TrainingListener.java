package dev.fleetsynth.engine.tvae;

import java.time.Duration;

/** Told after every epoch; what the CLI's progress bar and the trainer service's progress events show. */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = p -> { };

    void epoch(EpochProgress progress);

    record EpochProgress(int epoch, int epochs, double loss, Duration elapsed, Duration eta) {
    }
}
