package dev.fleetsynth.support.api;

import dev.fleetsynth.events.Pipeline;

/** Request values several services accept, read the same way everywhere. */
public final class RequestValues {
    private RequestValues() {
    }

    /** A pipeline field: absent means manual; anything but auto/manual is a 400 naming the field. */
    public static Pipeline pipeline(String value) {
        if (value == null) {
            return Pipeline.MANUAL; // "" is a mistake to name, not a way to say manual
        }
        try {
            return Pipeline.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("pipeline", e.getMessage(),
                    "use 'auto' to run the following steps (seed, train, generate) by themselves, or 'manual' to wait for each request");
        }
    }
}
