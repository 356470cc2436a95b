package dev.fleetsynth.engine.quality;

import dev.fleetsynth.engine.table.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The readings of a table as RUL models see them: per row, the window of the last {@value #WINDOW}
 * readings of its unit (fewer at a unit's start), summed up per sensor by its mean, its slope and its
 * roughness (mean absolute step), with the last reading and the row's RUL beside them. Row-wise
 * scores cannot see whether readings move like real ones from one row to the next; these features can.
 */
final class Windows {
    /** Readings per window, as the usual RUL models of C-MAPSS-like data take them. */
    static final int WINDOW = 30;

    private Windows() {}

    /**
     * Window features of some rows.
     *
     * @param x    {@code [feature][window]}: per sensor mean, slope, roughness and last reading
     * @param y    the RUL at each window's last row
     * @param unit each window's unit
     */
    record Set(double[][] x, double[] y, int[] unit) {
        int size() {
            return y.length;
        }

        /** The windows whose unit is (or is not) in {@code units}. */
        Set units(java.util.Set<Integer> units, boolean in) {
            int[] keep = new int[y.length];
            int k = 0;
            for (int i = 0; i < y.length; i++) {
                if (units.contains(unit[i]) == in) {
                    keep[k++] = i;
                }
            }
            return rows(Arrays.copyOf(keep, k));
        }

        /** At most {@code max} windows, drawn without replacement (all of them when there are fewer). */
        Set atMost(int max, long seed) {
            if (y.length <= max) {
                return this;
            }
            int[] all = new int[y.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return rows(Evaluation.sample(all, max, seed));
        }

        Set rows(int[] keep) {
            double[][] xs = new double[x.length][keep.length];
            double[] ys = new double[keep.length];
            int[] us = new int[keep.length];
            for (int i = 0; i < keep.length; i++) {
                for (int f = 0; f < x.length; f++) {
                    xs[f][i] = x[f][keep[i]];
                }
                ys[i] = y[keep[i]];
                us[i] = unit[keep[i]];
            }
            return new Set(xs, ys, us);
        }

        /** These windows' features, with RUL as one more feature (for telling real from synthetic). */
        double[][] withRul() {
            double[][] out = Arrays.copyOf(x, x.length + 1);
            out[x.length] = y;
            return out;
        }
    }

    /** The numeric sensors every given series has, in the first one's order. */
    static List<String> sharedSensors(Evaluation.Series first, Evaluation.Series... others) {
        List<String> names = new ArrayList<>();
        for (Column c : first.others()) {
            if (!(c instanceof Column.Numeric)) {
                continue;
            }
            boolean everywhere = true;
            for (Evaluation.Series s : others) {
                if (s != null && !(Evaluation.byName(s.others()).get(c.name()) instanceof Column.Numeric)) {
                    everywhere = false;
                }
            }
            if (everywhere) {
                names.add(c.name());
            }
        }
        return names;
    }

    /**
     * The windows of at most {@code max} rows of a series with units, drawn at random (every row when
     * there are fewer); rows without a RUL are left out. Only the drawn rows' features are made, so a
     * report on millions of rows holds {@code max} windows, not one per row.
     */
    static Set of(Evaluation.Series s, List<String> sensors, int max, long seed) {
        Map<String, Column> byName = Evaluation.byName(s.others());
        int[][] groups = Cycles.groups(s.cycle());
        int n = s.rul().length;
        int known = 0;
        for (double r : s.rul()) {
            known += Double.isNaN(r) ? 0 : 1;
        }
        // slot of each drawn row in the output, -1 for rows not drawn
        int[] slot = new int[n];
        Arrays.fill(slot, -1);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x2545F4914F6CDD1DL);
        int k = 0;
        int seen = 0;
        int want = Math.min(max, known);
        for (int r = 0; r < n; r++) {
            if (Double.isNaN(s.rul()[r])) {
                continue;
            }
            // selection sampling: each known row is drawn with the chance that leaves exactly want drawn
            if (rng.nextInt(known - seen) < want - k) {
                slot[r] = k++;
            }
            seen++;
        }
        double[][] x = new double[4 * sensors.size()][k];
        double[] y = new double[k];
        int[] unit = new int[k];
        for (int u = 0; u < groups.length; u++) {
            for (int r : groups[u]) {
                if (slot[r] >= 0) {
                    unit[slot[r]] = u;
                    y[slot[r]] = s.rul()[r];
                }
            }
        }
        for (int f = 0; f < sensors.size(); f++) {
            double[] v = ((Column.Numeric) byName.get(sensors.get(f))).values();
            double fill = mean(v);
            for (int[] rows : groups) {
                int m = rows.length;
                // prefix sums of the reading, of position x reading and of |step|, NaN carried forward
                double[] sx = new double[m + 1];
                double[] sgx = new double[m + 1];
                double[] sd = new double[m + 1];
                double prev = fill;
                for (int g = 0; g < m; g++) {
                    double val = v[rows[g]];
                    if (Double.isNaN(val)) {
                        val = prev;
                    }
                    sx[g + 1] = sx[g] + val;
                    sgx[g + 1] = sgx[g] + g * val;
                    sd[g + 1] = sd[g] + (g == 0 ? 0 : Math.abs(val - prev));
                    prev = val;
                }
                for (int t = 0; t < m; t++) {
                    int at = slot[rows[t]];
                    if (at < 0) {
                        continue;
                    }
                    int a = Math.max(0, t - WINDOW + 1);
                    int len = t - a + 1;
                    double meanX = (sx[t + 1] - sx[a]) / len;
                    double meanG = (a + t) / 2.0;
                    double sgg = len * ((double) len * len - 1) / 12.0;
                    x[4 * f][at] = meanX;
                    x[4 * f + 1][at] = len < 2 ? 0 : (sgx[t + 1] - sgx[a] - len * meanG * meanX) / sgg;
                    x[4 * f + 2][at] = len < 2 ? 0 : (sd[t + 1] - sd[a + 1]) / (len - 1);
                    x[4 * f + 3][at] = sx[t + 1] - sx[t];
                }
            }
        }
        return new Set(x, y, unit);
    }

    private static double mean(double[] v) {
        double sum = 0;
        int n = 0;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                sum += d;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
