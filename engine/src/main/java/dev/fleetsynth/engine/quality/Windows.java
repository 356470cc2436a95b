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

    private Windows() {
    }

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
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed ^ 0x2545F4914F6CDD1DL);
            int[] all = new int[y.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            for (int i = 0; i < max; i++) {
                int j = i + rng.nextInt(all.length - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            int[] keep = Arrays.copyOf(all, max);
            Arrays.sort(keep);
            return rows(keep);
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

    /** Every row's window in a series with units; rows without a RUL are left out. */
    static Set of(Evaluation.Series s, List<String> sensors) {
        Map<String, Column> byName = Evaluation.byName(s.others());
        int[][] groups = Cycles.groups(s.cycle());
        int n = s.rul().length;
        int features = 4 * sensors.size();
        double[][] x = new double[features][n];
        double[] y = new double[n];
        int[] unit = new int[n];
        boolean[] known = new boolean[n];
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
                    int a = Math.max(0, t - WINDOW + 1);
                    int len = t - a + 1;
                    double meanX = (sx[t + 1] - sx[a]) / len;
                    double meanG = (a + t) / 2.0;
                    double sgg = len * ((double) len * len - 1) / 12.0;
                    double slope = len < 2 ? 0 : (sgx[t + 1] - sgx[a] - len * meanG * meanX) / sgg;
                    double rough = len < 2 ? 0 : (sd[t + 1] - sd[a + 1]) / (len - 1);
                    int r = rows[t];
                    x[4 * f][r] = meanX;
                    x[4 * f + 1][r] = slope;
                    x[4 * f + 2][r] = rough;
                    x[4 * f + 3][r] = sx[t + 1] - sx[t];
                }
            }
        }
        for (int u = 0; u < groups.length; u++) {
            for (int r : groups[u]) {
                unit[r] = u;
                y[r] = s.rul()[r];
                known[r] = !Double.isNaN(y[r]);
            }
        }
        int[] keep = new int[n];
        int k = 0;
        for (int r = 0; r < n; r++) {
            if (known[r]) {
                keep[k++] = r;
            }
        }
        return new Set(x, y, unit).rows(Arrays.copyOf(keep, k));
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
