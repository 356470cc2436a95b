package dev.fleetsynth.engine.source;

import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Rows of a source with their schema: one column per field of the schema, in its order. Numbers,
 * integers, flags, timestamps (microseconds) and numeric unit ids are {@link Column.Numeric} (missing
 * values NaN); categories and text unit ids are {@link Column.Categorical}. Rows of a unit are
 * contiguous and in order.
 */
public record SourceTable(SourceSchema schema, ColumnTable table) {
    public SourceTable {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        if (!table.names()
                .equals(schema.fields().stream().map(SourceSchema.Field::name).toList())) {
            throw new IllegalArgumentException("columns " + table.names() + " do not match the schema's "
                    + schema.fields().stream().map(SourceSchema.Field::name).toList());
        }
    }

    public int rows() {
        return table.rows();
    }

    public Column column(String name) {
        return table.column(name).orElseThrow(() -> new IllegalArgumentException("no column " + name));
    }

    /** A numeric column's values (owned by the table). */
    public double[] numeric(String name) {
        if (column(name) instanceof Column.Numeric n) {
            return n.values();
        }
        throw new IllegalArgumentException("column " + name + " is not numeric");
    }

    /**
     * A cell as JSON and CSV show it: timestamps as ISO-8601 text (UTC), integers and flags as whole
     * numbers, other numbers as doubles, text as text, missing as {@code null}.
     */
    public Object value(SourceSchema.Field f, int row) {
        Column c = column(f.name());
        if (c instanceof Column.Categorical k) {
            return k.values()[row];
        }
        double v = ((Column.Numeric) c).values()[row];
        if (!Double.isFinite(v)) {
            return null;
        }
        return switch (f.kind()) {
            case TIMESTAMP ->
                java.time.Instant.ofEpochSecond(
                                Math.floorDiv((long) v, 1_000_000L), Math.floorMod((long) v, 1_000_000L) * 1000)
                        .toString();
            case INTEGER, FLAG -> (long) Math.rint(v);
            default -> v;
        };
    }

    /** RUL per row, capped where the schema says so; {@code null} when the source has no RUL. */
    public double[] rul() {
        return schema.rulColumn().map(this::numeric).orElse(null);
    }

    /**
     * RUL (where there is one) and the learnt columns held as numbers (numbers, integers, flags), in
     * file order: what the explorer charts and comparisons measure distances on.
     */
    public java.util.Map<String, double[]> valueColumns() {
        java.util.Map<String, double[]> columns = new java.util.LinkedHashMap<>();
        schema.rulColumn().ifPresent(r -> columns.put(r, rul()));
        for (SourceSchema.Field f : schema.learnt()) {
            if (column(f.name()) instanceof Column.Numeric n) {
                columns.put(f.name(), n.values());
            }
        }
        return columns;
    }

    /**
     * A dense unit number per row, from 0, a new one wherever the unit column's value changes; every
     * row in unit 0 when there is no unit column.
     */
    public int[] unitIndex() {
        int[] index = new int[rows()];
        String unit = schema.unitColumn().orElse(null);
        if (unit == null) {
            return index;
        }
        Column c = column(unit);
        int u = 0;
        for (int i = 1; i < index.length; i++) {
            boolean same = c instanceof Column.Numeric n
                    ? Double.compare(n.values()[i], n.values()[i - 1]) == 0
                    : Objects.equals(((Column.Categorical) c).values()[i], ((Column.Categorical) c).values()[i - 1]);
            if (!same) {
                u++;
            }
            index[i] = u;
        }
        return index;
    }

    /** Number of units (1 when there is no unit column and some rows). */
    public int units() {
        int[] index = unitIndex();
        return index.length == 0 ? 0 : index[index.length - 1] + 1;
    }

    /**
     * The columns synthesizers and quality scores compare: RUL (when there is one) and the learnt
     * fields, numbers and integers as numbers, flags (as "0"/"1") and categories as categories.
     */
    public ColumnTable learnable() {
        List<Column> columns = new ArrayList<>();
        schema.rulColumn().ifPresent(r -> columns.add(new Column.Numeric(r, rul())));
        for (SourceSchema.Field f : schema.learnt()) {
            columns.add(asLearnt(f, column(f.name())));
        }
        return new ColumnTable(columns);
    }

    /** A column as synthesizers learn it: flags become the categories "0" and "1". */
    static Column asLearnt(SourceSchema.Field f, Column c) {
        if (f.kind() == ColumnKind.FLAG && c instanceof Column.Numeric n) {
            String[] labels = new String[n.values().length];
            for (int i = 0; i < labels.length; i++) {
                double v = n.values()[i];
                labels[i] = Double.isNaN(v) ? null : v != 0 ? "1" : "0";
            }
            return new Column.Categorical(f.name(), labels);
        }
        return c;
    }

    /** The given rows of every column, in the given order. */
    public SourceTable slice(int[] rows) {
        List<Column> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c instanceof Column.Numeric n) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = n.values()[rows[i]];
                }
                columns.add(new Column.Numeric(c.name(), v));
            } else {
                String[] src = ((Column.Categorical) c).values();
                String[] v = new String[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = src[rows[i]];
                }
                columns.add(new Column.Categorical(c.name(), v));
            }
        }
        return new SourceTable(schema, new ColumnTable(columns));
    }

    /** A simulator seed (or a dataset made from one) in the {@link SourceSchema#simulated} layout. */
    public static SourceTable of(SensorTable t) {
        List<Column> columns = new ArrayList<>();
        double[] ts = new double[t.rows()];
        double[] cycle = new double[t.rows()];
        String[] machine = new String[t.rows()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t.timestampMicros()[i];
            cycle[i] = t.cycle()[i];
        }
        Arrays.fill(machine, t.machineId());
        columns.add(new Column.Numeric(ParquetTables.TIMESTAMP, ts));
        columns.add(new Column.Categorical(ParquetTables.MACHINE_ID, machine));
        columns.add(new Column.Numeric(ParquetTables.CYCLE, cycle));
        columns.add(new Column.Numeric(ParquetTables.RUL, t.rul()));
        for (int i = 0; i < t.sensorNames().size(); i++) {
            columns.add(new Column.Numeric(t.sensorNames().get(i), t.sensors().get(i)));
        }
        return new SourceTable(
                SourceSchema.simulated(t.machineId(), t.sensorNames(), stepSeconds(ts, cycle)),
                new ColumnTable(columns));
    }

    /**
     * A seed's sampling interval in seconds, which follows from its lifetimes and rows (SeedGenerator)
     * and so is measured rather than assumed: the median step between readings of a unit; hourly when
     * no unit has two rows.
     *
     * @param micros timestamps in microseconds
     * @param unit   each row's unit
     */
    static double stepSeconds(double[] micros, double[] unit) {
        double[] steps = new double[micros.length];
        int k = 0;
        for (int i = 1; i < micros.length; i++) {
            double d = micros[i] - micros[i - 1];
            if (unit[i] == unit[i - 1] && d > 0) {
                steps[k++] = d / 1e6;
            }
        }
        if (k == 0) {
            return 3600;
        }
        Arrays.sort(steps, 0, k);
        return steps[k / 2];
    }

    /** The table as the simulator's {@link SensorTable}; only for tables in its layout ({@link SourceSchema#simulatedLayout()}). */
    public SensorTable toSensorTable() {
        if (!schema.simulatedLayout()) {
            throw new IllegalStateException("not in the simulator's layout");
        }
        double[] ts = numeric(ParquetTables.TIMESTAMP);
        double[] c = numeric(ParquetTables.CYCLE);
        long[] micros = new long[ts.length];
        int[] cycle = new int[c.length];
        for (int i = 0; i < ts.length; i++) {
            micros[i] = (long) ts[i];
            cycle[i] = (int) c[i];
        }
        List<String> names =
                schema.learnt().stream().map(SourceSchema.Field::name).toList();
        return new SensorTable(
                schema.machineId(),
                micros,
                cycle,
                numeric(ParquetTables.RUL),
                names,
                names.stream().map(this::numeric).toList());
    }
}
