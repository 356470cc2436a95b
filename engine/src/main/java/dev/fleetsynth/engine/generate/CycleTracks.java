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
 * descending, start one cycle each, and the rest is cut into bands of at least {@link #CANDIDATES}
 * rows, the same number for every cycle. A band's rows go to the cycles whose last rows they are
 * nearest to (greedily, the closest pair first, in sensor values scaled to unit variance), and
 * each cycle takes its share in RUL order. Every cycle thus runs the whole RUL range downwards,
 * and the set of rows, hence every distribution and correlation the quality report scores, is
 * unchanged.
 *
 * <p>A band costs {@code cycles} times its rows in distances, so at most {@link #MAX_CYCLES}
 * cycles are matched together; more cycles are split into groups of that many, each dealt its own
 * share of the rows.
 */
final class CycleTracks {
    static final int MAX_CYCLES = 64;
    /**
     * Rows a band offers at least. More choice keeps cycles smoother (lag-1 autocorrelation of the
     * motor seed's model, 11 train cycles: 0.75-0.83 with one row per cycle and band, 0.81-0.88
     * with 32, 0.84-0.90 with 256), at the price of coarser steps in RUL within a band.
     */
    static final int CANDIDATES = 32;

    private CycleTracks() {
    }

    /**
     * @param rows     row indices, sorted by RUL descending
     * @param features per feature, its values for all rows (indexed by row), scaled to comparable spread
     * @param cycles   how many cycles, 1..{@link #MAX_CYCLES}, at most {@code rows.length}
     * @return per cycle, its rows in order (RUL descending); the first {@code rows.length % cycles}
     *         cycles have one row more than the others
     */
    static int[][] deal(int[] rows, double[][] features, int cycles) {
        if (cycles < 1 || cycles > MAX_CYCLES || cycles > rows.length) {
            throw new IllegalArgumentException("cannot deal " + rows.length + " rows into " + cycles + " cycles");
        }
        int[][] members = new int[cycles][rows.length / cycles + 1];
        int[] length = new int[cycles];
        for (int c = 0; c < cycles; c++) {
            members[c][length[c]++] = rows[c];
        }
        int share = Math.max(1, (CANDIDATES + cycles - 1) / cycles);
        int bandRows = share * cycles;
        long[] pairs = new long[cycles * bandRows];
        int[] room = new int[cycles];
        int[] bandStart = new int[cycles];
        boolean[] rowTaken = new boolean[bandRows];
        for (int from = cycles; from < rows.length; from += bandRows) {
            int width = Math.min(bandRows, rows.length - from);
            for (int c = 0; c < cycles; c++) {
                // a full band gives every cycle its share; the last one brings each to its final length
                room[c] = width == bandRows ? share : rows.length / cycles + (c < rows.length % cycles ? 1 : 0) - length[c];
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
                }
            }
        }
        int[][] out = new int[cycles][];
        for (int c = 0; c < cycles; c++) {
            out[c] = Arrays.copyOf(members[c], length[c]);
        }
        return out;
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
        return Arrays.stream(features).map(f -> {
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
        }).filter(f -> f != null).toArray(double[][]::new);
    }
}
