package dev.fleetsynth.engine.quality;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where the grades start. The defaults follow common practice for SDMetrics scores: below 0.75
 * synthetic data is usually not fit to stand in for the real data, from 0.90 it is hard to tell
 * apart at the level of columns and pairs.
 *
 * @param minimum   lowest overall score that passes, and where "acceptable" starts
 * @param good      where "good" starts
 * @param excellent where "excellent" starts
 */
@Schema(requiredProperties = {"minimum", "good", "excellent"})
public record Thresholds(double minimum, double good, double excellent) {
    public static final Thresholds DEFAULT = new Thresholds(0.75, 0.85, 0.90);

    public Thresholds {
        if (!(0 <= minimum && minimum <= good && good <= excellent && excellent <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 <= minimum <= good <= excellent <= 1, got "
                    + minimum + ", " + good + ", " + excellent);
        }
    }

    /** The grade of a score alone; a {@code NaN} score fails, since nothing shows it is any good. */
    public Grade grade(double score) {
        if (score >= excellent) {
            return Grade.EXCELLENT;
        }
        if (score >= good) {
            return Grade.GOOD;
        }
        if (score >= minimum) {
            return Grade.ACCEPTABLE;
        }
        return Grade.FAILED;
    }

    public boolean passes(double score) {
        return score >= minimum;
    }
}
