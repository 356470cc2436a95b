package dev.fleetsynth.engine.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording for one training thread. DJL's GradientCollector allows one collector per
 * process (a static flag), which would serialise the trainings of a fleet; PyTorch's grad mode is
 * per thread, so each training thread switches it on for its own forward pass.
 */
final class Autograd implements AutoCloseable {
    private final boolean previous;

    private Autograd() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    static Autograd record() {
        return new Autograd();
    }

    /** Back-propagates a scalar loss into the gradients of the arrays that require them. */
    static void backward(NDArray loss) {
        NDArray seed = loss.onesLike();
        JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
