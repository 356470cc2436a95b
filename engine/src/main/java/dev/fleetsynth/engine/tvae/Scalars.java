package dev.fleetsynth.engine.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant scalars as arrays made once and reused. DJL's {@code x.mul(0.5f)} wraps the number in a
 * fresh array for every call (three native calls instead of one), and a training step has dozens
 * of such constants. The arrays' memory belongs to PyTorch: an array made from a Java buffer is only
 * as alive as that buffer, which once let the garbage collector free a constant that autograd still
 * needed (the cause of the blow-ups the first trainings showed). Not for use by two threads at once.
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
