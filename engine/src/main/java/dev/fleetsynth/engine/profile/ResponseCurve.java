package dev.fleetsynth.engine.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How strongly a sensor shows a degradation d in [0, 1]; every curve maps 0 to 0 and 1 to 1, so a
 * sensor moves by its full {@code range} between a new and a failed machine. Sensors do not all
 * respond alike: vibration stays flat until a defect is well developed, a temperature rises with
 * friction from early on, partial discharge appears suddenly near the end.
 */
public enum ResponseCurve {
    LINEAR("linear") {
        @Override
        public double response(double d) {
            return d;
        }
    },
    /** Late: d squared. Vibration and position error, which grow once a defect is established. */
    CONVEX("convex") {
        @Override
        public double response(double d) {
            return d * d;
        }
    },
    /** Early: square root of d. Temperatures and currents that shift as soon as friction rises. */
    CONCAVE("concave") {
        @Override
        public double response(double d) {
            return Math.sqrt(d);
        }
    },
    /** Sudden: a logistic step around d = 0.75. Discharges and leaks that appear near failure. */
    SIGMOID("sigmoid") {
        private final double lo = logistic(0);
        private final double hi = logistic(1);

        private static double logistic(double d) {
            return 1 / (1 + Math.exp(-12 * (d - 0.75)));
        }

        @Override
        public double response(double d) {
            return (logistic(d) - lo) / (hi - lo);
        }
    };

    private final String wireName;

    ResponseCurve(String wireName) {
        this.wireName = wireName;
    }

    public abstract double response(double d);

    public String wireName() {
        return wireName;
    }

    public static Optional<ResponseCurve> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ResponseCurve::wireName).toList();
    }
}
