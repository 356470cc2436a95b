package dev.fleetsynth.cli;

import dev.fleetsynth.engine.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal, redrawn in place. It stays silent for the first second, so
 * quick commands print nothing extra, and it draws nothing when output is not a terminal (logs and
 * pipes get the final summary line only).
 */
final class ProgressBar implements AutoCloseable {
    static final long QUIET_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean enabled, LongSupplier nanoClock) {
        this.err = err;
        this.enabled = enabled;
        this.clock = nanoClock;
        this.started = nanoClock.getAsLong();
    }

    static ProgressBar onTerminal(PrintWriter err) {
        return new ProgressBar(err, System.console() != null, System::nanoTime);
    }

    /** A listener for one phase that covers the fraction [from, to] of the whole bar. */
    ProgressListener phase(String label, double from, double to) {
        return (done, total) -> update(label, from + (to - from) * (total == 0 ? 1 : (double) done / total));
    }

    void update(String label, double fraction) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        // Redraw at most ten times a second: a terminal write per row would cost more than the work.
        if (now - started < QUIET_NANOS || (drawn && now - lastDraw < 100_000_000L && fraction < 1)) {
            return;
        }
        lastDraw = now;
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        err.print(String.format(Locale.ROOT, "\r%-10s [%s%s] %3d%% %5.1fs", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                Math.round(f * 100), (now - started) / 1e9));
        err.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            err.flush();
        }
    }
}
