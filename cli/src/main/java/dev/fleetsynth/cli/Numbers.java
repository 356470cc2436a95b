package dev.fleetsynth.cli;

import java.util.Locale;

/** Numbers as people read them. */
final class Numbers {
    private Numbers() {}

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    /** "1 sensor", "4 sensors". */
    static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
