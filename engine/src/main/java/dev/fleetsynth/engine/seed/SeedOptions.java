package dev.fleetsynth.engine.seed;

import java.time.Instant;
import java.util.Objects;

/**
 * What seed data to generate.
 *
 * @param rows       total rows over all cycles, {@value #MIN_ROWS}..{@value #MAX_ROWS}
 * @param randomSeed the same seed and profile give identical data
 * @param start      timestamp of the first reading
 */
public record SeedOptions(int rows, long randomSeed, Instant start) {
    public static final int MIN_ROWS = 1_000;
    public static final int MAX_ROWS = 100_000;
    public static final int DEFAULT_ROWS = 10_000;
    public static final long DEFAULT_RANDOM_SEED = 42;
    /** A fixed start keeps files from the same seed identical whatever day they are made. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    public SeedOptions {
        if (rows < MIN_ROWS || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be " + MIN_ROWS + ".." + MAX_ROWS + ", got " + rows);
        }
        Objects.requireNonNull(start, "start");
    }

    public SeedOptions(int rows, long randomSeed) {
        this(rows, randomSeed, DEFAULT_START);
    }

    public static SeedOptions defaults() {
        return new SeedOptions(DEFAULT_ROWS, DEFAULT_RANDOM_SEED);
    }

    /**
     * The options of this seed's holdout: a second, independent draw of the same simulator with as
     * many rows (so as many cycles, as long), which the synthesizer never sees. Quality reports test
     * their RUL regressors on it. Its random seed is the complement of this one's, so that it is
     * not the seed of a neighbouring run (42 and 43, say) either.
     */
    public SeedOptions holdout() {
        return new SeedOptions(rows, ~randomSeed, start);
    }
}
