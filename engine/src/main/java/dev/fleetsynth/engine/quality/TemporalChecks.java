package dev.fleetsynth.engine.quality;

import java.util.List;

/**
 * Checks that only make sense for run-to-failure data, which column and pair scores cannot see:
 * a synthesizer can match every marginal and correlation and still emit RUL that goes up within
 * a cycle, timestamps out of order, or sensor readings with no memory from one row to the next.
 * All are on the synthetic table; correlation signs and autocorrelations are compared with the real.
 *
 * @param rulNonIncreasing     per cycle: RUL never rises from one row to the next
 * @param timestampsIncreasing per cycle: every timestamp is later than the one before
 * @param correlationSigns     per sensor: the sign of its correlation with RUL
 * @param autocorrelations     per sensor: lag-1 autocorrelation within cycles
 */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({
    "passed",
    "rul_non_increasing",
    "timestamps_increasing",
    "signs_kept_fraction",
    "correlation_signs",
    "lag1_autocorrelation"
})
public record TemporalChecks(
        CycleCheck rulNonIncreasing,
        CycleCheck timestampsIncreasing,
        List<CorrelationSign> correlationSigns,

        @com.fasterxml.jackson.annotation.JsonProperty("lag1_autocorrelation")
        List<Autocorrelation> autocorrelations) {

    public TemporalChecks {
        correlationSigns = List.copyOf(correlationSigns);
        autocorrelations = List.copyOf(autocorrelations);
    }

    /** Both per-cycle checks pass; signs and autocorrelations are for reading, not pass or fail. */
    @com.fasterxml.jackson.annotation.JsonProperty("passed")
    public boolean passed() {
        return rulNonIncreasing.passed() && timestampsIncreasing.passed();
    }

    /** Fraction of sensors whose correlation sign with RUL is kept; 1 when there is no sensor. */
    @com.fasterxml.jackson.annotation.JsonProperty("signs_kept_fraction")
    public double signsKeptFraction() {
        if (correlationSigns.isEmpty()) {
            return 1;
        }
        return (double) correlationSigns.stream().filter(CorrelationSign::kept).count() / correlationSigns.size();
    }

    /**
     * A rule checked within each cycle.
     *
     * @param passed every cycle passes (true for a table without cycles: nothing is broken)
     */
    public record CycleCheck(int cycles, int cyclesPassed, double fractionPassed, boolean passed) {
        static CycleCheck of(int cycles, int cyclesPassed) {
            return new CycleCheck(
                    cycles, cyclesPassed, cycles == 0 ? 1 : (double) cyclesPassed / cycles, cyclesPassed == cycles);
        }
    }

    /**
     * @param kept both correlations are defined and of the same sign (zero counts as a sign of its own)
     */
    public record CorrelationSign(String sensor, double realCorrelation, double syntheticCorrelation, boolean kept) {}

    /**
     * @param difference synthetic minus real
     */
    public record Autocorrelation(String sensor, double real, double synthetic, double difference) {}
}
