package dev.fleetsynth.engine.generate;

import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Turns independently sampled rows (rul and sensors) into run-to-failure data: rows are dealt into
 * cycles of about the seed's cycle length ({@link CycleTracks}: each cycle spans the RUL range, and
 * its consecutive rows are alike), each cycle ordered by RUL descending to its minimum and stamped
 * at the seed's interval (hourly unless given), with the seed's repair stop between cycles. Each split gets whole cycles of its own, so no
 * cycle appears in two splits and split sizes are met exactly.
 */
public final class CycleArranger {
    static final long HOUR_MICROS = 3_600_000_000L;
    static final long REPAIR_HOURS = 24;

    private CycleArranger() {}

    /** The three splits of an arranged dataset. */
    public record Splits(SensorTable train, SensorTable val, SensorTable test) {}

    /**
     * @param sampled       rows from the model: a numeric {@code rul} column and the sensors, in the seed's order
     * @param rowsPerCycle  typical rows of one cycle (the seed's rows / cycles)
     */
    public static Splits arrange(
            String machineId, ColumnTable sampled, SplitSizes sizes, double rowsPerCycle, Instant start, long seed) {
        return arrange(machineId, sampled, sizes, rowsPerCycle, start, seed, HOUR_MICROS);
    }

    /**
     * As {@link #arrange(String, ColumnTable, SplitSizes, double, Instant, long)}, readings {@code stepMicros}
     * apart: the seed's own interval, which follows from its lifetimes and rows.
     */
    public static Splits arrange(
            String machineId,
            ColumnTable sampled,
            SplitSizes sizes,
            double rowsPerCycle,
            Instant start,
            long seed,
            long stepMicros) {
        if (sampled.rows() != sizes.total()) {
            throw new IllegalArgumentException(sampled.rows() + " rows sampled for splits of " + sizes.total());
        }
        double[] rul = numeric(sampled, "rul");
        List<String> sensorNames = new ArrayList<>();
        List<double[]> sensors = new ArrayList<>();
        for (Column c : sampled.columns()) {
            if (!c.name().equals("rul")) {
                if (!(c instanceof Column.Numeric n)) {
                    throw new IllegalArgumentException("sensor column " + c.name() + " is not numeric");
                }
                sensorNames.add(n.name());
                sensors.add(n.values());
            }
        }
        int[] rows = shuffled(sampled.rows(), seed);
        Timeline timeline = new Timeline(start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000, stepMicros);
        SensorTable train = split(machineId, rows, 0, sizes.train(), rowsPerCycle, rul, sensorNames, sensors, timeline);
        SensorTable val =
                split(machineId, rows, sizes.train(), sizes.val(), rowsPerCycle, rul, sensorNames, sensors, timeline);
        SensorTable test = split(
                machineId,
                rows,
                sizes.train() + sizes.val(),
                sizes.test(),
                rowsPerCycle,
                rul,
                sensorNames,
                sensors,
                timeline);
        return new Splits(train, val, test);
    }

    /**
     * The cycles of {@code count} sampled rows (from position {@code from} of {@code shuffled}): per
     * cycle, which rows give its sensors and which its RUL, in order (see {@link CycleTracks}).
     * Cycles are about {@code rowsPerCycle} rows long.
     */
    public static List<int[][]> layout(
            int[] shuffled, int from, int count, double rowsPerCycle, double[] rul, double[][] sensors) {
        List<int[][]> out = new ArrayList<>();
        int cycles = count == 0 ? 0 : (int) Math.max(1, Math.round(count / Math.max(2, rowsPerCycle)));
        int[] mine = Arrays.copyOfRange(shuffled, from, from + count);
        double[][] scaled = CycleTracks.scaled(sensors, mine);
        // Cycles are matched in groups of at most CycleTracks.MAX_CYCLES, each with its share of the rows.
        int groups = (cycles + CycleTracks.MAX_CYCLES - 1) / CycleTracks.MAX_CYCLES;
        for (int g = 0; g < groups; g++) {
            int cyclesBefore = cycles * g / groups;
            int cyclesAfter = cycles * (g + 1) / groups;
            int rowsAfter = (int) ((long) count * cyclesAfter / cycles);
            int[] group = sortedByRulDescending(
                    Arrays.copyOfRange(mine, (int) ((long) count * cyclesBefore / cycles), rowsAfter), rul);
            for (CycleTracks.Track track : CycleTracks.deal(group, scaled, cyclesAfter - cyclesBefore)) {
                out.add(new int[][] {track.sensorRows(), track.rulRows()});
            }
        }
        return out;
    }

    /** A seeded shuffle of {@code 0..n-1}. */
    public static int[] shuffled(int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] rows = new int[n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        for (int i = rows.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return rows;
    }

    private static SensorTable split(
            String machineId,
            int[] shuffled,
            int from,
            int count,
            double rowsPerCycle,
            double[] rul,
            List<String> sensorNames,
            List<double[]> sensors,
            Timeline timeline) {
        long[] ts = new long[count];
        int[] cycle = new int[count];
        double[] r = new double[count];
        List<double[]> columns = new ArrayList<>();
        for (int s = 0; s < sensors.size(); s++) {
            columns.add(new double[count]);
        }
        int at = 0;
        for (int[][] track : layout(shuffled, from, count, rowsPerCycle, rul, sensors.toArray(double[][]::new))) {
            int[] sensorRows = track[0];
            int[] rulRows = track[1];
            timeline.cycle++;
            for (int k = 0; k < sensorRows.length; k++) {
                ts[at] = timeline.clock;
                timeline.clock += timeline.step;
                cycle[at] = timeline.cycle;
                r[at] = rul[rulRows[k]];
                for (int s = 0; s < sensors.size(); s++) {
                    columns.get(s)[at] = sensors.get(s)[sensorRows[k]];
                }
                at++;
            }
            timeline.clock += REPAIR_HOURS * HOUR_MICROS;
        }
        return new SensorTable(machineId, ts, cycle, r, sensorNames, columns);
    }

    /** Ties keep the shuffled order, so the result depends on the seed only. */
    private static int[] sortedByRulDescending(int[] rows, double[] rul) {
        return Arrays.stream(rows)
                .boxed()
                .sorted((a, b) -> Double.compare(rul[b], rul[a]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Cycle numbers and clock run on across the splits, so cycles are unique in the whole dataset. */
    private static final class Timeline {
        final long step;
        int cycle;
        long clock;

        Timeline(long clock, long step) {
            this.clock = clock;
            this.step = step;
        }
    }

    private static double[] numeric(ColumnTable t, String name) {
        Column c = t.column(name)
                .orElseThrow(() -> new IllegalArgumentException("sampled rows have no " + name + " column"));
        if (!(c instanceof Column.Numeric n)) {
            throw new IllegalArgumentException(name + " is not numeric");
        }
        return n.values();
    }
}
