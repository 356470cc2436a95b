package dev.fleetsynth.engine.quality;

import java.util.List;
import java.util.Optional;

/**
 * One measure a quality report takes beyond the SDMetrics scores, whose result goes into the report
 * under {@link #key()} and whose checks decide the verdict. A new measure is one class implementing
 * this and one entry in {@link #ALL}.
 */
interface QualityMetric {
    /** Every measure a report takes, in the order the report lists them. */
    List<QualityMetric> ALL = List.of(
            new TemporalMetric(),
            new RowUtilityMetric(),
            new WindowUtilityMetric(),
            new LifetimeMetric(),
            new TrendShapeMetric(),
            new DiscriminativeMetric());

    /** The report's JSON key for the result (snake case). */
    String key();

    /**
     * Whether it judges run-to-failure histories (both tables with RUL and units); when they are not,
     * the report leaves it out and says so, and {@link #measure} is not called.
     */
    default boolean needsHistories() {
        return true;
    }

    /**
     * The result and its checks, or empty when the tables lack anything else it needs (saying why in
     * {@link QualityInputs#notes()}).
     */
    Optional<Measured> measure(QualityInputs in);

    /**
     * @param result a record Jackson writes as it is (snake case keys, undefined numbers as null)
     * @param checks what the verdict needs from it; none when it is for reading only
     */
    record Measured(Object result, List<QualityCheck> checks) {
        public Measured {
            checks = List.copyOf(checks);
        }
    }
}
