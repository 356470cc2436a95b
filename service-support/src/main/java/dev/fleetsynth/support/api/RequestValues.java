package dev.fleetsynth.support.api;

import dev.fleetsynth.events.Pipeline;

/** Request values several services accept, read the same way everywhere. */
public final class RequestValues {
    private RequestValues() {}

    /** A pipeline field: absent means manual; anything but auto/manual is a 400 naming the field. */
    public static Pipeline pipeline(String value) {
        if (value == null) {
            return Pipeline.MANUAL; // "" is a mistake to name, not a way to say manual
        }
        try {
            return Pipeline.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "pipeline",
                    e.getMessage(),
                    "use 'auto' to run the following steps (seed, train, generate) by themselves, or 'manual' to wait for each request");
        }
    }

    /**
     * A whole-number query parameter, parsed here rather than by JAX-RS (which answers a malformed
     * number with a bare 404): {@code absent} when it is missing or blank, else a number within
     * {@code [min, max]}, or a 400 naming the field with {@code fix} ("use " + fix).
     */
    public static Integer intParam(String field, String value, Integer absent, int min, int max, String fix) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + " must be a whole number, not '" + value + "'", "use " + fix);
        }
        if (v < min || v > max) {
            throw ApiException.badRequest(field, field + " is " + v + ", out of range", "use " + fix);
        }
        return v;
    }
}
