package dev.fleetsynth.engine.tvae;

import java.time.Instant;

/**
 * What a model knows of the data it learnt, for generation: whose machine, how long a run-to-failure
 * cycle of the seed was in rows, when the seed started.
 */
public record ModelInfo(String machineId, double rowsPerCycle, Instant seedStart, Instant createdAt) {}
