package dev.fleetsynth.engine.synth;

import java.util.Map;
import java.util.Objects;

/**
 * What to draw.
 *
 * @param rows       exactly this many rows
 * @param seed       the same seed gives the same rows
 * @param conditions what the rows must satisfy; drawn so directly, never by rejection
 * @param firstUnit  the unit number of the first unit drawn, so that several draws (the splits of a
 *                   dataset) have units of their own
 */
public record SampleRequest(int rows, long seed, Conditions conditions, int firstUnit) {
    public SampleRequest {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        Objects.requireNonNull(conditions, "conditions");
        if (firstUnit < 1) {
            throw new IllegalArgumentException("the first unit must be >= 1, got " + firstUnit);
        }
    }

    public static SampleRequest of(int rows, long seed) {
        return new SampleRequest(rows, seed, Conditions.NONE, 1);
    }

    /**
     * @param lastSteps  only the rows at most this much RUL before failure (in the source's RUL unit)
     * @param lifeMin    lifetimes at least this long (RUL units)
     * @param lifeMax    lifetimes at most this long (RUL units)
     * @param modeWeights relative weight of each failure mode (by the model's mode names); others keep theirs
     */
    public record Conditions(Double lastSteps, Double lifeMin, Double lifeMax, Map<String, Double> modeWeights) {
        public static final Conditions NONE = new Conditions(null, null, null, Map.of());

        public Conditions {
            modeWeights = modeWeights == null ? Map.of() : Map.copyOf(modeWeights);
            if (lastSteps != null && !(lastSteps >= 0)) {
                throw new IllegalArgumentException("last_steps must be >= 0, got " + lastSteps);
            }
            if (lifeMin != null && lifeMax != null && lifeMin > lifeMax) {
                throw new IllegalArgumentException("life_min " + lifeMin + " is above life_max " + lifeMax);
            }
            modeWeights.forEach((mode, w) -> {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("the weight of mode " + mode + " must be >= 0, got " + w);
                }
            });
        }

        public boolean none() {
            return lastSteps == null && lifeMin == null && lifeMax == null && modeWeights.isEmpty();
        }
    }
}
