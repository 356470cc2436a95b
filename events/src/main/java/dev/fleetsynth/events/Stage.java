package dev.fleetsynth.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A step of a machine's workflow, and the kind of job that runs it. */
public enum Stage {
    PROFILE,
    SEED,
    TRAINING,
    GENERATION;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Stage of(String value) {
        for (Stage s : values()) {
            if (s.json().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + value + "'");
    }
}
