package dev.fleetsynth.engine.quality;

import java.util.Locale;

/** How good an overall score is, in words a dashboard and a CLI can show as they are. */
public enum Grade {
    EXCELLENT,
    GOOD,
    ACCEPTABLE,
    POOR;

    /** Lower case, as written in the JSON report. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
