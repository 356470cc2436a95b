package dev.fleetsynth.engine.quality;

import java.util.Arrays;

/** Row indices grouped by run-to-failure cycle, which the temporal checks and the utility split work in. */
public final class Cycles {
    private Cycles() {}

    /** The distinct cycle numbers, ascending. */
    static int[] distinct(int[] cycle) {
        int[] sorted = cycle.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[k++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, k);
    }

    /**
     * The rows of each cycle, cycles ascending, rows in table order. Tables normally hold a cycle's
     * rows together, but nothing forces a synthetic table to, so rows are gathered rather than cut
     * into runs: interleaved rows of one cycle are still judged as one cycle.
     */
    public static int[][] groups(int[] cycle) {
        int[] ids = distinct(cycle);
        int[] index = new int[cycle.length];
        int[] size = new int[ids.length];
        for (int r = 0; r < cycle.length; r++) {
            index[r] = Arrays.binarySearch(ids, cycle[r]);
            size[index[r]]++;
        }
        int[][] groups = new int[ids.length][];
        for (int g = 0; g < ids.length; g++) {
            groups[g] = new int[size[g]];
        }
        int[] filled = new int[ids.length];
        for (int r = 0; r < cycle.length; r++) {
            int g = index[r];
            groups[g][filled[g]++] = r;
        }
        return groups;
    }
}
