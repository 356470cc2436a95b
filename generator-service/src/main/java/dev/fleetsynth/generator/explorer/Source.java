package dev.fleetsynth.generator.explorer;

import dev.fleetsynth.support.api.ApiException;
import java.util.Locale;

/** Whose data an explorer answer describes: the synthetic split, or the seed the model learnt (for side-by-side views). */
public enum Source {
    SYNTHETIC,
    SEED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Absent means synthetic. */
    public static Source parse(String value) {
        if (value == null || value.isBlank()) {
            return SYNTHETIC;
        }
        for (Source s : values()) {
            if (s.json().equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        throw ApiException.badRequest(
                "source",
                "unknown source '" + value + "'",
                "use source=synthetic for the generated data or source=seed for the seed it imitates");
    }
}
