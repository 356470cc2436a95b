package dev.fleetsynth.engine.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Constants for arithmetic that autograd records, as arrays whose memory PyTorch owns.
 *
 * <p>This is the cause of the blow-ups and of the runs that differed with the same seed: DJL's
 * {@code x.mul(0.5f)} wraps the number in a temporary array over a direct buffer, runs the
 * operation and closes the wrapper. Autograd keeps that scalar to compute the gradient later, but
 * nothing keeps the buffer alive, so the garbage collector may free and reuse its memory before the
 * backward pass reads it: gradients then depend on whatever lies there (NaN sigmas, loss plateaus,
 * runs that are identical only while no collection happens). Inside a recorded forward pass,
 * arithmetic with numbers therefore goes through these constants.
 */
final class Scalars {
    private final NDManager manager;
    private final Map<Float, NDArray> cache = new HashMap<>();

    Scalars(NDManager manager) {
        this.manager = manager;
    }

    NDArray of(float value) {
        return cache.computeIfAbsent(value, v -> TvaeTrainer.owned(manager, new float[] {v}, new Shape()));
    }
}
