package dev.fleetsynth.engine.quality;

/**
 * Lifetime distribution: how long units run to failure, in readings, real against synthetic. A RUL
 * model must learn the spread of lifetimes before anything else; a synthesizer that gives every
 * unit the same length has lost it.
 *
 * @param realLives       real units that run to failure (the real table's, and the unseen ones)
 * @param syntheticLives  synthetic units that run to failure
 * @param realMean        their mean length, in readings
 * @param syntheticMean   likewise
 * @param realSpread      standard deviation of the real lengths
 * @param syntheticSpread likewise
 * @param ks              two-sample Kolmogorov-Smirnov statistic of the lengths: 0 alike, 1 disjoint
 */
public record Lifetimes(
        int realLives,
        int syntheticLives,
        double realMean,
        double syntheticMean,
        double realSpread,
        double syntheticSpread,
        double ks) {}
