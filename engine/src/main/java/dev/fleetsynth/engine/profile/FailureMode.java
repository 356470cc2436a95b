package dev.fleetsynth.engine.profile;

import java.util.List;

/**
 * A way the machine fails (bearing wear, insulation breakdown) and the sensors that show it. In the
 * seed physics each run-to-failure cycle ends by one mode, drawn with probability proportional to
 * {@code weight}; its sensors show the full degradation, the other modes' sensors only a part.
 */
public record FailureMode(String name, List<String> sensors, double weight, String description) {
    public FailureMode {
        sensors = List.copyOf(sensors);
    }
}
