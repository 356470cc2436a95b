package dev.fleetsynth.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times a task: warm-up runs first (JIT compilation, class loading, page cache), then measured
 * runs, reported by their median, which one slow run (a GC, another process) does not move.
 */
final class Harness {
    /** Something to time; returns a value so the JIT cannot drop the work. */
    @FunctionalInterface
    interface Task {
        Object run() throws Exception;
    }

    record Timing(String name, double[] seconds) {
        double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        double min() {
            return Arrays.stream(seconds).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(seconds).max().orElse(Double.NaN);
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-44s median %8.4f s   min %8.4f s   max %8.4f s   (n=%d)",
                    name,
                    median(),
                    min(),
                    max(),
                    seconds.length);
        }
    }

    private final int warmup;
    private final int iterations;
    private int sink;

    Harness(int warmup, int iterations) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("need warmup >= 0 and iterations >= 1");
        }
        this.warmup = warmup;
        this.iterations = iterations;
    }

    Timing time(String name, Task task) throws Exception {
        for (int i = 0; i < warmup; i++) {
            sink += System.identityHashCode(task.run());
        }
        double[] seconds = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            Object result = task.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            sink += System.identityHashCode(result);
        }
        return new Timing(name, seconds);
    }

    int sink() {
        return sink;
    }
}
