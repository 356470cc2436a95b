package dev.fleetsynth.engine.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a machine's degradation d (0 = as new, 1 = failed) grows with the fraction u of its life
 * that has passed. The names and their use per category come from the RUL table of the seeds.
 */
public enum DegradationPattern {
    /** Gradual, steady wear from the first hour: d = u (motors, fans, robots, transformers). */
    LINEAR_SLOW("linear_slow") {
        @Override
        public double degradation(double u) {
            return u;
        }
    },
    /** A healthy first fifth of life, then steady wear (pumps, conveyors, hydraulics). */
    LINEAR_MEDIUM("linear_medium") {
        @Override
        public double degradation(double u) {
            return Math.max(0, (u - 0.2) / 0.8);
        }
    },
    /** Healthy for half the life, then rapid wear to failure (compressors). */
    LINEAR_FAST("linear_fast") {
        @Override
        public double degradation(double u) {
            return Math.max(0, (u - 0.5) / 0.5);
        }
    },
    /** Accelerating damage, as crack growth or tool wear: d = (e^(4u) - 1) / (e^4 - 1) (CNC, turbofan). */
    EXPONENTIAL("exponential") {
        private final double norm = Math.expm1(4.0);

        @Override
        public double degradation(double u) {
            return Math.expm1(4.0 * u) / norm;
        }
    };

    private final String wireName;

    DegradationPattern(String wireName) {
        this.wireName = wireName;
    }

    /** Degradation in [0, 1] for a life fraction u in [0, 1]; non-decreasing in u. */
    public abstract double degradation(double u);

    public String wireName() {
        return wireName;
    }

    public static Optional<DegradationPattern> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(DegradationPattern::wireName).toList();
    }
}
