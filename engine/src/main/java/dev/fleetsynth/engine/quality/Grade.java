package dev.fleetsynth.engine.quality;

import java.util.Locale;

/**
 * A verdict on synthetic data, in words a dashboard and a CLI can show as they are: a grade by the
 * overall score, or failed when the score is below the minimum or a check of the report fails.
 */
public enum Grade {
    EXCELLENT,
    GOOD,
    ACCEPTABLE,
    FAILED;

    /** Lower case, as written in the JSON report. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
