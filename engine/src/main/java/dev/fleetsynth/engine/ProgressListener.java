package dev.fleetsynth.engine;

/** Receives progress of a long engine operation; {@code done} runs from 0 to {@code total}. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> {};

    void progress(long done, long total);
}
