package dev.fleetsynth.engine.tvae;

import java.time.Duration;

/**
 * Told after every epoch; what the CLI's progress bar and the trainer service's progress events show.
 * A TVAE training also hands it checkpoints and asks it for one to resume from.
 */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = p -> {};

    void epoch(EpochProgress progress);

    /** Every how many epochs a TVAE training hands {@link #checkpoint} where it stands; 0 for never. */
    default int checkpointEvery() {
        return 0;
    }

    /** Where the training stands, every {@link #checkpointEvery()} epochs (not after the last). */
    default void checkpoint(Checkpoint checkpoint) {}

    /**
     * A checkpoint of this same training (same data and settings) to go on from, kept by an earlier
     * run that stopped before the end; {@code null} to start from the beginning.
     */
    default Checkpoint resumeFrom() {
        return null;
    }

    record EpochProgress(int epoch, int epochs, double loss, Duration elapsed, Duration eta) {}
}
