package dev.fleetsynth.engine.tvae;

/** The loss stopped being a finite number; the model is unusable and is not saved. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
