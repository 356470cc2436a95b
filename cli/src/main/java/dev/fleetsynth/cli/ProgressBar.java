package dev.fleetsynth.cli;

import dev.fleetsynth.engine.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on a terminal, redrawn in place. It stays silent for the first second, so
 * quick commands print nothing extra. Where output is not a terminal (a log, a pipe) it prints a
 * plain line instead, at most every {@value #LOG_EVERY_SECONDS} s: a long training in a log said
 * nothing for minutes.
 */
final class ProgressBar implements AutoCloseable {
    static final long QUIET_NANOS = 1_000_000_000L;
    static final long LOG_EVERY_SECONDS = 30;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long started;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
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
        long now = clock.getAsLong();
        if (!terminal) {
            if (now - started >= LOG_EVERY_SECONDS * 1_000_000_000L
                    && (lastDraw == 0 || now - lastDraw >= LOG_EVERY_SECONDS * 1_000_000_000L)) {
                lastDraw = now;
                err.println(String.format(
                        Locale.ROOT,
                        "%s %d%% after %.0f s",
                        label,
                        Math.round(Math.max(0, Math.min(1, fraction)) * 100),
                        (now - started) / 1e9));
                err.flush();
            }
            return;
        }
        // Redraw at most ten times a second: a terminal write per row would cost more than the work.
        if (now - started < QUIET_NANOS || (drawn && now - lastDraw < 100_000_000L && fraction < 1)) {
            return;
        }
        lastDraw = now;
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        err.print(String.format(
                Locale.ROOT,
                "\r%-10s [%s%s] %3d%% %5.1fs",
                label,
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                Math.round(f * 100),
                (now - started) / 1e9));
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
