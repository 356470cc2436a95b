package dev.fleetsynth.engine.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTablesTest {
    @TempDir
    Path dir;

    private static SensorTable cncSeed(int rows) {
        return SeedGenerator.generate(Catalog.profile("cnc_haas_vf2_001").orElseThrow(), new SeedOptions(rows, 3));
    }

    @Test
    void roundTripGivesTheSameTable() throws IOException {
        SensorTable table = cncSeed(12_345);
        Path file = dir.resolve("seed.parquet");
        ParquetTables.write(table, file);
        SensorTable back = ParquetTables.read(file);
        assertThat(back.sameData(table)).isTrue();
        assertThat(back.sensorNames()).hasSize(9);
    }

    @Test
    void fileUsesZstdAndUtcMicrosecondTimestamps() throws IOException {
        Path file = dir.resolve("seed.parquet");
        ParquetTables.write(cncSeed(2_000), file, Map.of("fleetsynth.kind", "seed"), (d, t) -> {});
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            for (ColumnChunkMetaData column :
                    reader.getFooter().getBlocks().get(0).getColumns()) {
                assertThat(column.getCodec()).isEqualTo(CompressionCodecName.ZSTD);
            }
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getFields().stream().map(f -> f.getName()).limit(4))
                    .containsExactly("timestamp", "machine_id", "cycle", "rul");
            assertThat(schema.getType("timestamp").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
            assertThat(reader.getFooter().getFileMetaData().getKeyValueMetaData())
                    .containsEntry("fleetsynth.kind", "seed");
        }
    }

    @Test
    void duckDbReadsTheColumnsTypesAndValues() throws Exception {
        SensorTable table = cncSeed(10_000);
        Path file = dir.resolve("seed.parquet");
        ParquetTables.write(table, file);
        String source = "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            Map<String, String> types = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
            List<String> expected = new ArrayList<>(List.of("timestamp", "machine_id", "cycle", "rul"));
            expected.addAll(table.sensorNames());
            assertThat(types.keySet()).containsExactlyElementsOf(expected);
            assertThat(types)
                    .containsEntry("timestamp", "TIMESTAMP WITH TIME ZONE")
                    .containsEntry("machine_id", "VARCHAR")
                    .containsEntry("cycle", "INTEGER")
                    .containsEntry("rul", "DOUBLE");
            table.sensorNames().forEach(s -> assertThat(types).containsEntry(s, "DOUBLE"));

            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT cycle), min(rul), max(machine_id), "
                    + "min(epoch_us(timestamp)), sum(spindle_torque_nm) FROM " + source)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(10_000);
                assertThat(rs.getInt(2)).isEqualTo(7);
                assertThat(rs.getDouble(3)).isZero();
                assertThat(rs.getString(4)).isEqualTo("cnc_haas_vf2_001");
                assertThat(rs.getLong(5)).isEqualTo(table.timestampMicros()[0]);
                assertThat(rs.getDouble(6))
                        .isCloseTo(
                                Arrays.stream(table.sensor("spindle_torque_nm")).sum(),
                                org.assertj.core.data.Percentage.withPercentage(1e-9));
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT strftime(timestamp AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') FROM " + source + " LIMIT 1")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("2025-01-01 00:00");
            }
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehindAndKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("seed.parquet");
        SensorTable first = cncSeed(1_000);
        ParquetTables.write(first, file);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> ParquetTables.write(cncSeed(20_000), file, Map.of(), (done, total) -> {
                    if (done < total) {
                        throw new UncheckedIOException(new IOException("disk full"));
                    }
                }))
                .hasMessageContaining("disk full");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("seed.parquet");
        }
    }

    @Test
    void aFileWithoutTheFixedColumnsIsRefused() throws IOException {
        Path file = dir.resolve("other.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("COPY (SELECT 1.5 AS x) TO '" + file + "' (FORMAT parquet)");
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
        assertThatThrownBy(() -> ParquetTables.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("timestamp");
    }

    @Test
    void sensorNamesThatCollideWithFixedColumnsAreRefused() {
        assertThatThrownBy(() -> ParquetTables.schema(List.of("rul"))).isInstanceOf(IllegalArgumentException.class);
    }
}
