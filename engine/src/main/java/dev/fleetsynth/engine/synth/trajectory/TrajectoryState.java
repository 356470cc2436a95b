package dev.fleetsynth.engine.synth.trajectory;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleetsynth.engine.source.SourceSchema;
import java.util.List;

/**
 * Everything a fitted trajectory model knows, as written to {@code model.json}. Continuous features
 * are modelled in standardised units ({@code (x - mean) / std}); trends are tabulated at knots of the
 * clock (time to failure, or the fraction of life used) and interpolated between them.
 *
 * @param clock          "ttf" (time to failure, in RUL units) or "fraction" (0 at the start of a life, 1 at failure)
 * @param rulStep        the order's step in RUL units
 * @param orderStep      the order's step in its own units (seconds for timestamps)
 * @param orderStart     a life's first order value (counters) or the first timestamp in microseconds
 * @param continuous     the learnt numbers and integers, in schema order
 * @param lower          per continuous feature, the smallest training value (samples are clipped to it)
 * @param upper          per continuous feature, the largest
 * @param phi            per continuous feature, the AR(1) coefficient of its residual within a life
 * @param innovation     lower Cholesky factor of the residual innovations' covariance
 * @param startResidual  lower Cholesky factor of the residuals' covariance over the first rows of a life, where a
 *                       unit's walk starts; {@code null} in models saved before it (they start from the walk's
 *                       stationary spread)
 * @param offset         lower Cholesky factor of the covariance of the units' offsets, beside what their lifetime explains
 * @param offsetByLogLife per continuous feature, how a unit's offset moves with the log of its lifetime
 * @param logLifeMean    the mean log lifetime (rows) that regression is centred on
 * @param maxTtf         the longest time to failure seen, which bounds the category bins
 * @param lifeSpread     the bandwidth, on log lifetime, of the smoothed bootstrap of lifetimes
 * @param regimes        the operating regimes, or {@code null} when the data show none
 */
record TrajectoryState(
        int version,
        SourceSchema schema,
        String clock,
        @JsonProperty("rul_step") double rulStep,
        @JsonProperty("order_step") double orderStep,
        @JsonProperty("order_start") double orderStart,
        List<String> continuous,
        double[] mean,
        double[] std,
        double[] lower,
        double[] upper,
        List<Mode> modes,
        double[] phi,
        double[][] innovation,
        @JsonProperty("start_residual") double[][] startResidual,
        double[][] offset,
        @JsonProperty("offset_by_log_life") double[] offsetByLogLife,
        @JsonProperty("log_life_mean") double logLifeMean,
        List<Categorical> categorical,
        @JsonProperty("max_ttf") double maxTtf,
        @JsonProperty("life_spread") double lifeSpread,
        RegimeSet regimes,
        Fit fit) {

    /**
     * Operating regimes (see {@link Regimes}), or none: per regime and reading its mean and spread
     * in standardised units, the share of lives starting in each, and the chance of each next regime.
     */
    record RegimeSet(double[][] mean, double[][] std, double[] start, double[][] transitions) {}

    /**
     * A failure mode: lives that degrade alike, with their lifetimes and their trend.
     *
     * @param lifetimes rows of each complete life of the mode
     * @param knots     clock values the trend is tabulated at, ascending
     * @param trend     per knot, the mean standardised value of each continuous feature
     */
    record Mode(String name, double weight, int[] lifetimes, double[] knots, double[][] trend, double[][] latents) {}

    /**
     * A flag or category column: its labels' probabilities per failure mode and per bin of time to
     * failure ({@link TrajectoryModel#ttfBin}; bin 0 is the failure row itself).
     */
    record Categorical(String name, boolean flag, List<String> labels, double[][][] probabilities) {}

    /** How the fit went. */
    record Fit(
            int lives,
            @JsonProperty("complete_lives") int completeLives,
            int rows,
            double seconds,
            @JsonProperty("residual_variance") double residualVariance,
            @JsonProperty("clock_choice") String clockChoice) {}
}
