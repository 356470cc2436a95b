package dev.fleetsynth.engine.quality;

import java.util.List;

/**
 * Trend shape: per reading, its mean against the fraction of life used ({@value TrendShapeMetric#BINS}
 * bins from installation to failure), real against synthetic, over the units that run to failure.
 *
 * @param sensors per reading, worst first
 */
public record TrendShape(List<Sensor> sensors) {
    public TrendShape {
        sensors = List.copyOf(sensors);
    }

    /**
     * @param gap       root mean square of the curves' difference, in real standard deviations of the reading
     * @param real      the real mean per bin
     * @param synthetic the synthetic mean per bin
     */
    public record Sensor(String sensor, double gap, double[] real, double[] synthetic) {}
}
