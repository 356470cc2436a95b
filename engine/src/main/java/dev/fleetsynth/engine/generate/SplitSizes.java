package dev.fleetsynth.engine.generate;

/** Rows of the train, validation and test splits. */
public record SplitSizes(int train, int val, int test) {
    public static final int MAX_ROWS = 10_000_000;

    public SplitSizes {
        if (train < 1 || val < 0 || test < 0) {
            throw new IllegalArgumentException(
                    "split sizes must be train >= 1, val >= 0, test >= 0; got " + train + "/" + val + "/" + test);
        }
        if ((long) train + val + test > MAX_ROWS) {
            throw new IllegalArgumentException(
                    "at most " + MAX_ROWS + " rows in all, got " + ((long) train + val + test));
        }
    }

    /** 70 / 15 / 15 of {@code rows}, the seeds' default; the train split takes what rounding leaves. */
    public static SplitSizes of(int rows) {
        if (rows < 3) {
            throw new IllegalArgumentException("need at least 3 rows for three splits, got " + rows);
        }
        int val = (int) Math.round(rows * 0.15);
        int test = (int) Math.round(rows * 0.15);
        return new SplitSizes(rows - val - test, val, test);
    }

    public int total() {
        return train + val + test;
    }
}
