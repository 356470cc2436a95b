package dev.fleetsynth.engine.profile;

/**
 * One sensor of a machine and how it responds to degradation: a healthy reading of {@code base},
 * moving by {@code range} (negative for readings that fall, such as pressure or flow) between a
 * new and a failed machine, with measurement noise of standard deviation {@code noise}.
 */
public record SensorSpec(
        String name,
        String unit,
        String type,
        double base,
        double range,
        double noise,
        ResponseCurve response,
        String description) {

    public static final String NUMERIC = "numeric";

    public SensorSpec(String name, String unit, double base, double range, double noise, ResponseCurve response) {
        this(name, unit, NUMERIC, base, range, noise, response, "");
    }
}
