package dev.fleetsynth.engine.generate;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Deals rows into cycles so that each cycle reads like one machine's sensors over time, not like a
 * random draw every hour.
 *
 * <p>The model samples rows independently, so rows of similar RUL differ by as much as different
 * machines and the noise of one hour do. Dealt at random, a cycle's sensors jump from row to row
 * (a lag-1 autocorrelation near 0.4 where the seed has 0.99). Here the rows, sorted by RUL
 * descending, start one cycle each, and the rest is cut into bands of up to {@link #CANDIDATES}
 * rows (fewer in small splits, see {@link #MIN_BANDS}), the same number for every cycle. A band's rows go to the cycles whose last rows they are
 * nearest to (greedily, the closest pair first, in sensor values scaled to unit variance). Within
 * its share a cycle then walks from its last row to the nearest row left, and so on, and takes the
 * share's RUL values in descending order along that path: a row's sensors and its RUL may part
 * within one band (a few hours of RUL), so that sensors move by small steps while RUL never rises.
 * Every cycle runs the whole RUL range downwards, and every sensor value and every RUL value is
 * used once, so the distributions the quality report scores are unchanged and the correlations
 * with RUL move in the fourth decimal.
 *
 * <p>A band costs {@code cycles} times its rows in distances, so at most {@link #MAX_CYCLES}
 * cycles are matched together; more cycles are split into groups of that many, each dealt its own
 * share of the rows.
 */
final class CycleTracks {
    static final int MAX_CYCLES = 64;
    /**
     * Rows a band offers at most (about; a multiple of the cycle count). More choice keeps cycles
     * smoother, and sensors and RUL part by more. Lag-1 autocorrelation of the sensors of
     * motor_siemens_1la7_001's model over the whole dataset (seed 0.99): 0.76-0.84 with 32 and no
     * walk, 0.87-0.91 with 32, 0.94-0.96 with 128, 0.97 with 256. With 128, a 35,000-row train split
     * of a 1,000-hour RUL range has bands of about 4 hours of RUL; smaller splits get smaller bands
     * ({@link #MIN_BANDS}).
     */
    static final int CANDIDATES = 128;
    /**
     * Bands a group of rows is cut into at least (unless that leaves under one row per cycle), so
     * that within a band a row's sensors and its RUL part by no more than about 1 % of the RUL
     * range, however few rows a split has.
     */
    static final int MIN_BANDS = 100;

    private CycleTracks() {}

    /**
     * One cycle: the rows whose sensors it takes, in order, and the rows whose RUL it takes at the
     * same positions (RUL descending).
     */
    record Track(int[] sensorRows, int[] rulRows) {}

    /**
     * @param rows     row indices, sorted by RUL descending
     * @param features per feature, its values for all rows (indexed by row), scaled to comparable spread
     * @param cycles   how many cycles, 1..{@link #MAX_CYCLES}, at most {@code rows.length}
     * @return per cycle, its track; the first {@code rows.length % cycles} cycles have one row more
     *         than the others
     */
    static Track[] deal(int[] rows, double[][] features, int cycles) {
        int perBand = Math.min(CANDIDATES, rows.length / MIN_BANDS);
        // (a cycle count out of range is refused below)
        return deal(rows, features, cycles, cycles < 1 ? 1 : Math.max(1, (perBand + cycles - 1) / cycles));
    }

    /** As {@link #deal(int[], double[][], int)}, with bands that give each cycle {@code share} rows. */
    static Track[] deal(int[] rows, double[][] features, int cycles, int share) {
        if (cycles < 1 || cycles > MAX_CYCLES || cycles > rows.length) {
            throw new IllegalArgumentException("cannot deal " + rows.length + " rows into " + cycles + " cycles");
        }
        int[][] members = new int[cycles][rows.length / cycles + 1];
        int[][] rulOf = new int[cycles][rows.length / cycles + 1];
        int[] length = new int[cycles];
        for (int c = 0; c < cycles; c++) {
            rulOf[c][length[c]] = rows[c];
            members[c][length[c]++] = rows[c];
        }
        int bandRows = share * cycles;
        long[] pairs = new long[cycles * bandRows];
        int[] room = new int[cycles];
        int[] bandStart = new int[cycles];
        boolean[] rowTaken = new boolean[bandRows];
        for (int from = cycles; from < rows.length; from += bandRows) {
            int width = Math.min(bandRows, rows.length - from);
            for (int c = 0; c < cycles; c++) {
                // a full band gives every cycle its share; the last one brings each to its final length
                room[c] = width == bandRows
                        ? share
                        : rows.length / cycles + (c < rows.length % cycles ? 1 : 0) - length[c];
                bandStart[c] = length[c];
            }
            int n = 0;
            for (int c = 0; c < cycles; c++) {
                int last = members[c][length[c] - 1];
                for (int j = 0; j < width; j++) {
                    // a non-negative float's bits order like the float: sort by distance, then by pair
                    float d = (float) distance(features, last, rows[from + j]);
                    pairs[n++] = ((long) Float.floatToIntBits(d) << 32) | ((long) c * width + j);
                }
            }
            Arrays.sort(pairs, 0, n);
            Arrays.fill(rowTaken, false);
            int dealt = 0;
            for (int p = 0; p < n && dealt < width; p++) {
                int pair = (int) pairs[p];
                int c = pair / width;
                int j = pair % width;
                if (room[c] > 0 && !rowTaken[j]) {
                    room[c]--;
                    rowTaken[j] = true;
                    // the position in the band for now: sorting positions puts the share in RUL order
                    members[c][length[c]++] = from + j;
                    dealt++;
                }
            }
            for (int c = 0; c < cycles; c++) {
                Arrays.sort(members[c], bandStart[c], length[c]);
                for (int k = bandStart[c]; k < length[c]; k++) {
                    members[c][k] = rows[members[c][k]];
                    rulOf[c][k] = members[c][k];
                }
                // RUL stays in this order; the sensors are reordered along the walk
                chain(members[c], bandStart[c], length[c], features);
            }
        }
        Track[] out = new Track[cycles];
        for (int c = 0; c < cycles; c++) {
            out[c] = new Track(Arrays.copyOf(members[c], length[c]), Arrays.copyOf(rulOf[c], length[c]));
        }
        return out;
    }

    /**
     * Orders {@code rows[from..to)} as a path from the row before them, each next row the nearest
     * of those left (greedy), so that sensors move by small steps within a band.
     */
    private static void chain(int[] rows, int from, int to, double[][] features) {
        for (int k = from; k < to; k++) {
            int previous = rows[k - 1];
            int best = k;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int j = k; j < to; j++) {
                double d = distance(features, previous, rows[j]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            int t = rows[k];
            rows[k] = rows[best];
            rows[best] = t;
        }
    }

    private static double distance(double[][] features, int a, int b) {
        double sum = 0;
        for (double[] f : features) {
            double d = f[a] - f[b];
            sum += d * d;
        }
        // a NaN never wins a match, but still sorts as a number
        return sum == sum ? sum : Float.MAX_VALUE;
    }

    /**
     * Each feature divided by its standard deviation over {@code rows}, so that no sensor's unit
     * decides the matches; a constant feature is left out.
     */
    static double[][] scaled(double[][] features, int[] rows) {
        return Arrays.stream(features)
                .map(f -> {
                    StandardDeviation sd = new StandardDeviation();
                    for (int r : rows) {
                        if (!Double.isNaN(f[r])) {
                            sd.increment(f[r]);
                        }
                    }
                    double spread = sd.getResult();
                    if (!(spread > 0)) {
                        return null;
                    }
                    double[] s = new double[f.length];
                    for (int r : rows) {
                        s[r] = f[r] / spread;
                    }
                    return s;
                })
                .filter(f -> f != null)
                .toArray(double[][]::new);
    }
}
