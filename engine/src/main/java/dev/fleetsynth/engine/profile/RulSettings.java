package dev.fleetsynth.engine.profile;

/**
 * Run-to-failure settings.
 *
 * @param maxRul   typical lifetime in hours; each cycle's lifetime is drawn around it
 * @param cycles   number of run-to-failure cycles in the seed data
 * @param pattern  how degradation grows over a life
 * @param rulNoise standard deviation of the lifetime around {@code maxRul}, in hours
 */
public record RulSettings(double maxRul, int cycles, DegradationPattern pattern, double rulNoise) {}
