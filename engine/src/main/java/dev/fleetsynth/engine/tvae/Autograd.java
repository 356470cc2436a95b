package dev.fleetsynth.engine.tvae;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's gradient recording off for the calling thread until closed. Training works out
 * its gradients by hand ({@link ShardPass}) and sampling needs none, but PyTorch starts every new
 * thread with recording on (DJL turns it off only on the thread that loads the engine), and a
 * recording thread pays for bookkeeping on every operation.
 */
final class Autograd implements AutoCloseable {
    private final boolean previous;

    private Autograd() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    static Autograd off() {
        return new Autograd();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
