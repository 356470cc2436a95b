package dev.fleetsynth.engine.source;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Sources and the synthetic data made from them as Parquet files, with their {@link SourceSchema} in
 * the footer. Columns keep the names the user's file gave them (Parquet allows any name; Avro, which
 * {@link ParquetTables} writes through, does not), numbers are doubles, integers and flags 64-bit
 * integers, categories strings and timestamps UTC microseconds. Tables in the simulator's layout are
 * written by {@link ParquetTables} as before, so every reader of seeds keeps working.
 */
public final class SourceFiles {
    private SourceFiles() {}

    /** Writes atomically (temporary file, then rename), the schema and {@code metadata} in the footer. */
    public static void write(SourceTable t, Path file, Map<String, String> metadata) throws IOException {
        write(List.of(t).iterator(), file, metadata);
    }

    /**
     * As {@link #write(SourceTable, Path, Map)}, the table arriving in parts of one schema, each taken
     * from {@code parts} once the one before is written: only one part need be in memory at a time
     * (a dataset of ten million rows is drawn and written this way).
     */
    public static void write(Iterator<SourceTable> parts, Path file, Map<String, String> metadata) throws IOException {
        SourceTable first = parts.next();
        Map<String, String> footer = new LinkedHashMap<>(metadata);
        footer.put(SourceSchema.FOOTER_KEY, first.schema().toJson());
        if (first.schema().simulatedLayout()) {
            Iterator<SensorTable> sensors = new Iterator<>() {
                private SourceTable next = first;

                @Override
                public boolean hasNext() {
                    return next != null || parts.hasNext();
                }

                @Override
                public SensorTable next() {
                    SourceTable t = next != null ? next : parts.next();
                    next = null;
                    return t.toSensorTable();
                }
            };
            ParquetTables.write(sensors, file, footer, ProgressListener.NONE);
            return;
        }
        AtomicFiles.write(file, temporary -> {
            RowsWriteSupport rows = new RowsWriteSupport(first, footer);
            try (ParquetWriter<Integer> writer = new Builder(new LocalOutputFile(temporary), rows)
                    .withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build()) {
                for (SourceTable t = first; t != null; t = parts.hasNext() ? parts.next() : null) {
                    rows.use(t);
                    for (int i = 0, n = t.rows(); i < n; i++) {
                        writer.write(i);
                    }
                }
            }
        });
    }

    /**
     * The table as RFC 4180 CSV with a header row: values as {@link SourceTable#value} gives them
     * (timestamps ISO-8601, integers whole, doubles as Java writes them, so they read back exactly),
     * empty for a missing value, quoted only where needed.
     */
    public static void writeCsv(SourceTable t, java.io.OutputStream out) throws IOException {
        java.io.Writer w = new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
        List<SourceSchema.Field> fields = t.schema().fields();
        w.write(String.join(",", fields.stream().map(f -> csvField(f.name())).toList()));
        w.write("\r\n");
        for (int i = 0; i < t.rows(); i++) {
            for (int j = 0; j < fields.size(); j++) {
                if (j > 0) {
                    w.write(',');
                }
                Object v = t.value(fields.get(j), i);
                w.write(v == null ? "" : v instanceof String text ? csvField(text) : v.toString());
            }
            w.write("\r\n");
        }
        w.flush();
    }

    /** {@link #writeCsv(SourceTable, java.io.OutputStream)} into a file, atomically. */
    public static void writeCsv(SourceTable t, Path file) throws IOException {
        AtomicFiles.write(file, temporary -> {
            try (java.io.OutputStream out = Files.newOutputStream(temporary)) {
                writeCsv(t, out);
            }
        });
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Reads a file written by {@link #write} or, without a schema in its footer, a file in the
     * simulator's layout (seeds written before sources existed).
     *
     * @throws IOException naming the file and what is wrong, for anything else
     */
    public static SourceTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length < 4 || head[0] != 'P' || head[1] != 'A' || head[2] != 'R' || head[3] != '1') {
            throw new IOException(
                    file + " is not a Parquet file; bring your own data in first with: fleetsynth ingest --data " + file
                            + " --out DIR (it reads CSV, text, Excel, JSON and Parquet), then train on DIR/seed.parquet");
        }
        try (Connection db = Duck.open(null);
                Statement st = db.createStatement()) {
            String path = Duck.literal(file.toAbsolutePath().toString());
            Map<String, String> footer = footer(st, path);
            Map<String, String> types = new LinkedHashMap<>();
            try (ResultSet r = st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + path + ")")) {
                while (r.next()) {
                    types.put(r.getString(1), r.getString(2));
                }
            }
            SourceSchema schema = footer.containsKey(SourceSchema.FOOTER_KEY)
                    ? SourceSchema.fromJson(footer.get(SourceSchema.FOOTER_KEY))
                    : legacy(st, path, types, file);
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < schema.fields().size(); i++) {
                SourceSchema.Field f = schema.fields().get(i);
                String type = types.get(f.name());
                if (type == null) {
                    throw new IOException(file + " lacks the column " + f.name() + " that its schema names");
                }
                select.append(i == 0 ? "" : ", ").append(expression(Duck.ident(f.name()), type));
            }
            select.append(" FROM read_parquet(").append(path).append(")");
            ColumnTable columns = fetch(st, select.toString(), schema, types);
            if (!footer.containsKey(SourceSchema.FOOTER_KEY)) {
                // a seed's interval is measured from its rows, as for a seed in memory (SourceTable.of)
                schema = SourceSchema.simulated(
                        schema.machineId(),
                        schema.learnt().stream().map(SourceSchema.Field::name).toList(),
                        SourceTable.stepSeconds(
                                ((Column.Numeric) columns.column(ParquetTables.TIMESTAMP)
                                                .orElseThrow())
                                        .values(),
                                ((Column.Numeric) columns.column(ParquetTables.CYCLE)
                                                .orElseThrow())
                                        .values()));
            }
            return new SourceTable(schema, columns);
        } catch (SQLException e) {
            throw new IOException("cannot read " + file + ": " + Duck.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> footer(Statement st, String path) throws SQLException {
        Map<String, String> footer = new HashMap<>();
        try (ResultSet r =
                st.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata(" + path + ")")) {
            while (r.next()) {
                footer.put(r.getString(1), r.getString(2));
            }
        }
        return footer;
    }

    private static SourceSchema legacy(Statement st, String path, Map<String, String> types, Path file)
            throws SQLException, IOException {
        for (String column :
                List.of(ParquetTables.TIMESTAMP, ParquetTables.MACHINE_ID, ParquetTables.CYCLE, ParquetTables.RUL)) {
            if (!types.containsKey(column)) {
                throw new IOException(file
                        + " is neither a Fleetsynth source (no schema in its footer) nor a seed (it lacks the column "
                        + column + "); bring your own data in with: fleetsynth ingest --data " + file + " --out DIR");
            }
        }
        String machineId;
        try (ResultSet r =
                st.executeQuery("SELECT " + ParquetTables.MACHINE_ID + " FROM read_parquet(" + path + ") LIMIT 1")) {
            if (!r.next()) {
                throw new IOException(file + " holds no rows");
            }
            machineId = r.getString(1);
        }
        List<String> sensors = types.keySet().stream()
                .filter(n -> !ProfileValidator.RESERVED_COLUMNS.contains(n))
                .toList();
        return SourceSchema.simulated(machineId, sensors);
    }

    /** How DuckDB hands a column over: timestamps as microseconds, every other number as a double, text as text. */
    private static String expression(String column, String type) {
        String t = type.toUpperCase(Locale.ROOT);
        if (t.startsWith("TIMESTAMP")) {
            return "epoch_us(" + column + ")";
        }
        if (t.equals("DATE")) {
            return "epoch_us(" + column + "::TIMESTAMP)";
        }
        if (t.equals("VARCHAR") || t.equals("BOOLEAN")) {
            return column + "::VARCHAR";
        }
        return column + "::DOUBLE";
    }

    private static ColumnTable fetch(Statement st, String sql, SourceSchema schema, Map<String, String> types)
            throws SQLException {
        int n = schema.fields().size();
        boolean[] text = new boolean[n];
        for (int j = 0; j < n; j++) {
            String t = types.get(schema.fields().get(j).name()).toUpperCase(Locale.ROOT);
            text[j] = t.equals("VARCHAR") || t.equals("BOOLEAN");
        }
        List<double[]> numbers = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            numbers.add(text[j] ? null : new double[1024]);
            labels.add(text[j] ? new String[1024] : null);
        }
        int rows = 0;
        try (ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                if (rows == (text[0] ? labels.get(0).length : numbers.get(0).length)) {
                    for (int j = 0; j < n; j++) {
                        if (text[j]) {
                            labels.set(j, java.util.Arrays.copyOf(labels.get(j), rows * 2));
                        } else {
                            numbers.set(j, java.util.Arrays.copyOf(numbers.get(j), rows * 2));
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    if (text[j]) {
                        labels.get(j)[rows] = r.getString(j + 1);
                    } else {
                        double v = r.getDouble(j + 1);
                        numbers.get(j)[rows] = r.wasNull() ? Double.NaN : v;
                    }
                }
                rows++;
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            String name = schema.fields().get(j).name();
            columns.add(
                    text[j]
                            ? new Column.Categorical(name, java.util.Arrays.copyOf(labels.get(j), rows))
                            : new Column.Numeric(name, java.util.Arrays.copyOf(numbers.get(j), rows)));
        }
        return new ColumnTable(columns);
    }

    /** The Parquet type of a field: what its kind says, or text for a unit named by labels. */
    static Type parquetType(SourceSchema.Field f, Column c) {
        if (c instanceof Column.Categorical) {
            return Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(f.name());
        }
        return switch (f.kind()) {
            case TIMESTAMP ->
                Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(f.name());
            case INTEGER, FLAG -> Types.optional(PrimitiveTypeName.INT64).named(f.name());
            default -> Types.optional(PrimitiveTypeName.DOUBLE).named(f.name());
        };
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final RowsWriteSupport rows;

        Builder(OutputFile file, RowsWriteSupport rows) {
            super(file);
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return rows;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return rows;
        }
    }

    /** Writes row {@code i} of every column straight from the column arrays, without a record object per row. */
    private static final class RowsWriteSupport extends WriteSupport<Integer> {
        private final MessageType schema;
        private final Map<String, String> footer;
        private final double[][] numbers;
        private final String[][] labels;
        private final boolean[] whole;
        private final boolean[] flag;
        private final String[] names;
        private RecordConsumer out;

        RowsWriteSupport(SourceTable t, Map<String, String> footer) {
            List<SourceSchema.Field> fields = t.schema().fields();
            List<Type> types = new ArrayList<>();
            int n = fields.size();
            numbers = new double[n][];
            labels = new String[n][];
            whole = new boolean[n];
            flag = new boolean[n];
            names = new String[n];
            for (int j = 0; j < n; j++) {
                SourceSchema.Field f = fields.get(j);
                Type type = parquetType(f, t.column(f.name()));
                types.add(type);
                names[j] = f.name();
                whole[j] =
                        type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT64;
                flag[j] = f.kind() == ColumnKind.FLAG;
            }
            this.schema = new MessageType("source", types);
            this.footer = footer;
            use(t);
        }

        /** The part whose rows {@link #write} takes next (a part of the same schema as the first). */
        void use(SourceTable t) {
            for (int j = 0; j < names.length; j++) {
                Column c = t.column(names[j]);
                if (c instanceof Column.Numeric num) {
                    numbers[j] = num.values();
                } else {
                    labels[j] = ((Column.Categorical) c).values();
                }
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, footer);
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, footer);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Integer boxed) {
            int i = boxed;
            out.startMessage();
            for (int j = 0; j < names.length; j++) {
                if (labels[j] != null) {
                    String v = labels[j][i];
                    if (v != null) {
                        out.startField(names[j], j);
                        out.addBinary(Binary.fromString(v));
                        out.endField(names[j], j);
                    }
                    continue;
                }
                double v = numbers[j][i];
                if (Double.isNaN(v)) {
                    continue;
                }
                out.startField(names[j], j);
                if (flag[j]) {
                    out.addLong(v != 0 ? 1 : 0);
                } else if (whole[j]) {
                    out.addLong(Math.round(v));
                } else {
                    out.addDouble(v);
                }
                out.endField(names[j], j);
            }
            out.endMessage();
        }
    }
}
