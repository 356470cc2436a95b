package dev.fleetsynth.engine.quality;

/**
 * How easily a classifier tells synthetic windows from real ones: gradient-boosted trees on the
 * window features and RUL ({@link Windows}), trained and tested on different units of each side.
 *
 * @param split             which units the classifier learnt from and was tested on
 * @param trainWindows      windows it learnt from, half real, half synthetic
 * @param testWindows       windows it was tested on
 * @param balancedAccuracy  the mean of its accuracy on real and on synthetic test windows
 * @param score             {@code max(0, balancedAccuracy - 0.5)}: 0 indistinguishable, 0.5 told apart every time
 */
public record Discriminative(
        String classifier, String split, int trainWindows, int testWindows, double balancedAccuracy, double score) {}
