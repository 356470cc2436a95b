package dev.fleetsynth.engine.tvae;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine, configured before first use: offline (the native library comes from the
 * pytorch-native jar on the class path, never from the internet) and one intra-op and one inter-op
 * thread, which on a 2-core machine is faster for these small matrices than sharing cores.
 * The properties are process-wide because the native library is.
 */
final class Torch {
    private Torch() {}

    static Engine engine() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
        Engine engine = Engine.getEngine("PyTorch");
        // OpenMP's thread count is a per-thread setting: DJL sets it on the thread that loads the engine,
        // and any other thread would run every operation on all cores (two trainings side by side would
        // then fight over the cores, and their float sums would depend on scheduling). Set it here, on
        // the calling thread, every time.
        JniUtils.setNumThreads(intraOpThreads());
        return engine;
    }

    /**
     * Readies a helper thread of a loaded engine: one OpenMP thread (see above), and no gradient
     * recording, which PyTorch switches on for every new thread.
     */
    static void prepareThread() {
        JniUtils.setNumThreads(intraOpThreads());
        JniUtils.setGradMode(false);
    }

    private static int intraOpThreads() {
        return Integer.getInteger("ai.djl.pytorch.num_threads", 1);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
