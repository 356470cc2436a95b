package dev.fleetsynth.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a finished step starts the next one by itself ({@code auto}: seed, then train, then
 * generate) or waits for a request ({@code manual}).
 */
public enum Pipeline {
    AUTO,
    MANUAL;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Pipeline of(String value) {
        for (Pipeline p : values()) {
            if (p.json().equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("pipeline must be 'auto' or 'manual', not '" + value + "'");
    }
}
