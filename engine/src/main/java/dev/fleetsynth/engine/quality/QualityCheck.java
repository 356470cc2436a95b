package dev.fleetsynth.engine.quality;

import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One condition a dataset must meet to pass, besides its overall score: the verdict is failed when
 * any check fails, and the report says which and what to try.
 *
 * @param name   short and stable, for scripts ("row_utility", "lag1_autocorrelation", ...)
 * @param passed whether the dataset meets it
 * @param value  what was measured
 * @param limit  the most (or least, see {@code detail}) that passes
 * @param detail what was measured, in words, with both numbers
 * @param advice what to try when it fails; empty when it passes
 */
@Schema(requiredProperties = {"name", "passed", "detail"})
public record QualityCheck(
        String name,
        boolean passed,

        @Schema(nullable = true) double value,

        @Schema(nullable = true) double limit,

        String detail,
        String advice) {

    /** A check that passes when {@code value <= limit}. */
    static QualityCheck atMost(String name, double value, double limit, String what, String advice) {
        boolean ok = value <= limit;
        return new QualityCheck(
                name,
                ok,
                value,
                limit,
                String.format(Locale.ROOT, "%s %.3f (at most %.2f)", what, value, limit),
                ok ? "" : advice);
    }

    /** A check on a yes-or-no condition. */
    static QualityCheck holds(String name, boolean ok, String detail, String advice) {
        return new QualityCheck(name, ok, ok ? 1 : 0, 1, detail, ok ? "" : advice);
    }
}
