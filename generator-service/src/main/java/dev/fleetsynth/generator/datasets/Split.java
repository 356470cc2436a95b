package dev.fleetsynth.generator.datasets;

import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.support.api.ApiException;
import java.util.Locale;

/** One of a dataset's three files. */
public enum Split {
    TRAIN,
    VAL,
    TEST;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String fileName() {
        return DatasetGenerator.SPLIT_FILES.get(ordinal());
    }

    /** The split a query names; absent means train (what the explorer opens first). */
    public static Split parse(String value) {
        if (value == null || value.isBlank()) {
            return TRAIN;
        }
        for (Split s : values()) {
            if (s.json().equalsIgnoreCase(value.trim())) {
                return s;
            }
        }
        throw ApiException.badRequest(
                "split", "unknown split '" + value + "'", "use split=train, split=val or split=test");
    }
}
