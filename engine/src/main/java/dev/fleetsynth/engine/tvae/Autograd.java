package dev.fleetsynth.engine.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording for one thread. DJL's GradientCollector allows one collector per process (a
 * static flag), which would serialise the trainings of a fleet; PyTorch's grad mode is per thread,
 * so each training thread switches it on for its own forward pass. A new thread starts with
 * recording ON in PyTorch (DJL turns it off only on the thread that loads the engine), so work
 * outside a forward pass runs inside {@link #off()}.
 */
final class Autograd implements AutoCloseable {
    private final boolean previous;

    private Autograd(boolean enabled) {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Records operations for back-propagation until closed. */
    static Autograd record() {
        return new Autograd(true);
    }

    /** Records nothing until closed: parameter updates, sampling. */
    static Autograd off() {
        return new Autograd(false);
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
