package dev.fleetsynth.engine.parquet;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Sensor tables as Parquet files: {@code timestamp} (timestamp micros, UTC), {@code machine_id},
 * {@code cycle}, {@code rul} (hours), then one double column per sensor, zstd-compressed. Files are
 * written atomically and read back into the same table. No Hadoop installation is involved: local
 * files and a plain configuration.
 */
public final class ParquetTables {
    public static final String TIMESTAMP = "timestamp";
    public static final String MACHINE_ID = "machine_id";
    public static final String CYCLE = "cycle";
    public static final String RUL = "rul";

    private ParquetTables() {}

    public static Schema schema(List<String> sensorNames) {
        Schema timestamp = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("sensor_reading")
                .namespace("dev.fleetsynth")
                .fields()
                .name(TIMESTAMP)
                .type(timestamp)
                .noDefault()
                .name(MACHINE_ID)
                .type()
                .stringType()
                .noDefault()
                .name(CYCLE)
                .type()
                .intType()
                .noDefault()
                .name(RUL)
                .type()
                .doubleType()
                .noDefault();
        for (String sensor : sensorNames) {
            if (ProfileValidator.RESERVED_COLUMNS.contains(sensor)) {
                throw new IllegalArgumentException("sensor name " + sensor + " collides with a fixed column");
            }
            fields = fields.name(sensor).type().doubleType().noDefault();
        }
        return fields.endRecord();
    }

    public static void write(SensorTable table, Path file) throws IOException {
        write(table, file, Map.of(), ProgressListener.NONE);
    }

    /**
     * @param metadata key-value pairs stored in the file footer (provenance: generator, random seed, ...)
     */
    public static void write(SensorTable table, Path file, Map<String, String> metadata, ProgressListener progress)
            throws IOException {
        write(List.of(table).iterator(), file, metadata, progress);
    }

    /**
     * As {@link #write(SensorTable, Path, Map, ProgressListener)}, the table arriving in parts of the
     * same machine and sensors, each taken from {@code parts} once the one before is written: only
     * one part need be in memory at a time. {@code progress} counts the rows of each part.
     */
    public static void write(
            java.util.Iterator<SensorTable> parts, Path file, Map<String, String> metadata, ProgressListener progress)
            throws IOException {
        SensorTable first = parts.next();
        Schema schema = schema(first.sensorNames());
        AtomicFiles.write(file, temporary -> {
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                            new LocalOutputFile(temporary))
                    .withSchema(schema)
                    .withDataModel(GenericData.get())
                    .withConf(new PlainParquetConfiguration())
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withExtraMetaData(metadata)
                    .build()) {
                // One record, refilled per row: the writer shreds it into columns on write().
                GenericData.Record record = new GenericData.Record(schema);
                record.put(1, first.machineId());
                for (SensorTable table = first; table != null; table = parts.hasNext() ? parts.next() : null) {
                    int n = table.rows();
                    int sensors = table.sensors().size();
                    double[][] columns = table.sensors().toArray(double[][]::new);
                    for (int i = 0; i < n; i++) {
                        record.put(0, table.timestampMicros()[i]);
                        record.put(2, table.cycle()[i]);
                        record.put(3, table.rul()[i]);
                        for (int j = 0; j < sensors; j++) {
                            record.put(4 + j, columns[j][i]);
                        }
                        writer.write(record);
                        if ((i & 8191) == 8191) {
                            progress.progress(i + 1, n);
                        }
                    }
                    progress.progress(n, n);
                }
            }
        });
    }

    public static SensorTable read(Path file) throws IOException {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                        new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .build()) {
            GenericRecord first = reader.read();
            if (first == null) {
                throw new IOException(file + " holds no rows");
            }
            Schema schema = first.getSchema();
            for (String column : List.of(TIMESTAMP, MACHINE_ID, CYCLE, RUL)) {
                if (schema.getField(column) == null) {
                    throw new IOException(file + " lacks the column " + column);
                }
            }
            List<String> sensorNames = new ArrayList<>();
            for (Schema.Field f : schema.getFields()) {
                if (!ProfileValidator.RESERVED_COLUMNS.contains(f.name())) {
                    sensorNames.add(f.name());
                }
            }
            int s = sensorNames.size();
            int[] sensorPos = sensorNames.stream()
                    .mapToInt(name -> schema.getField(name).pos())
                    .toArray();
            int tsPos = schema.getField(TIMESTAMP).pos();
            int cyclePos = schema.getField(CYCLE).pos();
            int rulPos = schema.getField(RUL).pos();
            String machineId = String.valueOf(first.get(MACHINE_ID));

            LongColumn timestamps = new LongColumn();
            LongColumn cycles = new LongColumn();
            List<DoubleColumn> columns = new ArrayList<>();
            DoubleColumn rul = new DoubleColumn();
            for (int j = 0; j < s; j++) {
                columns.add(new DoubleColumn());
            }
            for (GenericRecord r = first; r != null; r = reader.read()) {
                timestamps.add((Long) r.get(tsPos));
                cycles.add((Integer) r.get(cyclePos));
                rul.add((Double) r.get(rulPos));
                for (int j = 0; j < s; j++) {
                    columns.get(j).add((Double) r.get(sensorPos[j]));
                }
            }
            int[] cycle = new int[cycles.size];
            for (int i = 0; i < cycle.length; i++) {
                cycle[i] = (int) cycles.values[i];
            }
            return new SensorTable(
                    machineId,
                    timestamps.toArray(),
                    cycle,
                    rul.toArray(),
                    sensorNames,
                    columns.stream().map(DoubleColumn::toArray).toList());
        }
    }

    private static final class LongColumn {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private static final class DoubleColumn {
        double[] values = new double[1024];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
