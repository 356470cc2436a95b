package dev.fleetsynth.engine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
    @TempDir
    Path dir;

    /**
     * Two pumps named by text, a minute apart, with every kind of column and names that Avro (the
     * writer of seeds) would refuse: brackets, spaces, a slash, a comma, quotes and a dot.
     */
    static SourceTable awkward(int rows) {
        List<SourceSchema.Field> fields = List.of(
                SourceSchema.Field.of("asset id", ColumnKind.CATEGORY, Role.UNIT),
                SourceSchema.Field.of("time", ColumnKind.TIMESTAMP, Role.ORDER),
                new SourceSchema.Field("Torque [Nm]", ColumnKind.NUMBER, Role.FEATURE, "N*m", null, null),
                SourceSchema.Field.of("a b", ColumnKind.INTEGER, Role.FEATURE),
                new SourceSchema.Field(
                        "Temp, \"outer\" (°C)", ColumnKind.NUMBER, Role.FEATURE, "C", "temp_outer", null),
                SourceSchema.Field.of("v.rms", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("Type", ColumnKind.CATEGORY, Role.FEATURE),
                SourceSchema.Field.of("x/y", ColumnKind.FLAG, Role.FAILURE),
                new SourceSchema.Field("site", ColumnKind.CATEGORY, Role.DROPPED, null, null, "plant 7"),
                SourceSchema.Field.of("rul", ColumnKind.NUMBER, Role.RUL));
        SourceSchema schema = new SourceSchema(
                "pumps_real",
                SourceSchema.Origin.REAL,
                fields,
                new SourceSchema.Order("time", SourceSchema.OrderKind.TIMESTAMP, 60, "hours"),
                "hours",
                null);
        Random random = new Random(17);
        String[] unit = new String[rows];
        double[] time = new double[rows];
        double[] torque = new double[rows];
        double[] ab = new double[rows];
        double[] temp = new double[rows];
        double[] vrms = new double[rows];
        String[] type = new String[rows];
        double[] flag = new double[rows];
        String[] site = new String[rows];
        double[] rul = new double[rows];
        int half = rows / 2;
        long start = Instant.parse("2024-06-01T08:00:00Z").toEpochMilli() * 1000;
        for (int i = 0; i < rows; i++) {
            boolean first = i < half;
            int step = first ? i : i - half;
            int life = first ? half : rows - half;
            unit[i] = first ? "pump A" : "pump B";
            time[i] = start + step * 60_000_000L;
            torque[i] = i % 97 == 5 ? Double.NaN : 40 + random.nextGaussian();
            ab[i] = 1400 + random.nextInt(200);
            temp[i] = 60 + 0.01 * step + random.nextGaussian() * 0.1;
            vrms[i] = Math.abs(random.nextGaussian());
            type[i] = i % 11 == 0 ? null : new String[] {"L", "M", "H"}[random.nextInt(3)];
            flag[i] = step == life - 1 ? 1 : 0;
            site[i] = "plant 7";
            rul[i] = (life - 1 - step) / 60.0;
        }
        List<Column> columns = List.of(
                new Column.Categorical("asset id", unit),
                new Column.Numeric("time", time),
                new Column.Numeric("Torque [Nm]", torque),
                new Column.Numeric("a b", ab),
                new Column.Numeric("Temp, \"outer\" (°C)", temp),
                new Column.Numeric("v.rms", vrms),
                new Column.Categorical("Type", type),
                new Column.Numeric("x/y", flag),
                new Column.Categorical("site", site),
                new Column.Numeric("rul", rul));
        return new SourceTable(schema, new ColumnTable(columns));
    }

    static void assertSameTable(SourceTable actual, SourceTable expected) {
        assertThat(actual.schema()).isEqualTo(expected.schema());
        assertThat(actual.table().names())
                .containsExactlyElementsOf(expected.table().names());
        for (Column e : expected.table().columns()) {
            Column a = actual.column(e.name());
            assertThat(a.getClass()).as(e.name()).isEqualTo(e.getClass());
            if (e instanceof Column.Numeric n) {
                assertThat(((Column.Numeric) a).values()).as(e.name()).containsExactly(n.values());
            } else {
                assertThat(((Column.Categorical) a).values())
                        .as(e.name())
                        .containsExactly(((Column.Categorical) e).values());
            }
        }
    }

    private static Map<String, String> duckTypes(Path file) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection db = Duck.open(null);
                Statement st = db.createStatement();
                ResultSet r =
                        st.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + Duck.literal(file.toString()) + ")")) {
            while (r.next()) {
                types.put(r.getString(1), r.getString(2));
            }
        }
        return types;
    }

    @Test
    void aSourceWithAwkwardNamesAndEveryKindRoundTrips() throws Exception {
        // More rows than the reader's first buffer (1,024), so that its growth is exercised too.
        SourceTable t = awkward(2_500);
        Path file = dir.resolve("source.parquet");
        SourceFiles.write(t, file, Map.of("fleetsynth.kind", "seed"));
        SourceTable back = SourceFiles.read(file);
        assertSameTable(back, t);
        assertThat(back.units()).isEqualTo(2);
        assertThat(((Column.Categorical) back.column("Type")).values()[0]).isNull();
        assertThat(back.numeric("Torque [Nm]")[5]).isNaN();

        // Stored as the kinds say, so that any Parquet reader sees integers, timestamps and text.
        Map<String, String> types = duckTypes(file);
        assertThat(types.keySet()).containsExactlyElementsOf(t.table().names());
        assertThat(types)
                .containsEntry("asset id", "VARCHAR")
                .containsEntry("a b", "BIGINT")
                .containsEntry("x/y", "BIGINT")
                .containsEntry("Torque [Nm]", "DOUBLE")
                .containsEntry("Type", "VARCHAR")
                .containsEntry("site", "VARCHAR");
        assertThat(types.get("time")).startsWith("TIMESTAMP");
        try (Connection db = Duck.open(null);
                Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT decode(value) FROM parquet_kv_metadata("
                        + Duck.literal(file.toString()) + ") WHERE decode(key) = 'fleetsynth.kind'")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("seed");
        }
        try (Connection db = Duck.open(null);
                Statement st = db.createStatement();
                ResultSet r = st.executeQuery(
                        "SELECT strftime(min(\"time\") AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') FROM read_parquet("
                                + Duck.literal(file.toString()) + ")")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("2024-06-01 08:00");
        }
    }

    @Test
    void anEmptySourceRoundTrips() throws Exception {
        SourceTable t = awkward(10).slice(new int[0]);
        Path file = dir.resolve("empty.parquet");
        SourceFiles.write(t, file, Map.of());
        SourceTable back = SourceFiles.read(file);
        assertThat(back.rows()).isZero();
        assertSameTable(back, t);
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("source.parquet");
        SourceFiles.write(awkward(40), file, Map.of());
        SourceTable second = awkward(60);
        SourceFiles.write(second, file, Map.of());
        assertSameTable(SourceFiles.read(file), second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("source.parquet");
        }
    }

    @Test
    void aSeedWrittenBeforeSourcesExistedReadsAsTheSimulatedSchema() throws Exception {
        SensorTable seed = SeedGenerator.generate(
                Catalog.profile("motor_siemens_1la7_001").orElseThrow(), new SeedOptions(1_500, 3));
        Path file = dir.resolve("seed.parquet");
        ParquetTables.write(seed, file);
        SourceTable back = SourceFiles.read(file);
        assertThat(back.schema()).isEqualTo(SourceTable.of(seed).schema());
        assertThat(back.schema().origin()).isEqualTo(SourceSchema.Origin.SIMULATED);
        assertThat(back.schema().runToFailure()).isTrue();
        assertThat(back.schema().simulatedLayout()).isTrue();
        assertThat(back.toSensorTable().sameData(seed)).isTrue();
        assertSameTable(back, SourceTable.of(seed));
    }

    @Test
    void aSimulatedSourceIsStillWrittenAsASeedThatOldReadersRead() throws Exception {
        SensorTable seed = SeedGenerator.generate(
                Catalog.profile("pump_grundfos_cr10_001").orElseThrow(), new SeedOptions(1_000, 5));
        Path file = dir.resolve("seed.parquet");
        SourceFiles.write(SourceTable.of(seed), file, Map.of("fleetsynth.kind", "seed"));
        assertThat(ParquetTables.read(file).sameData(seed)).isTrue();
        assertSameTable(SourceFiles.read(file), SourceTable.of(seed));
    }

    @Test
    void parquetThatIsNeitherASourceNorASeedPointsToIngest() throws Exception {
        Path file = dir.resolve("foreign.parquet");
        try (Connection db = Duck.open(null);
                Statement st = db.createStatement()) {
            st.execute("COPY (SELECT range AS id, range * 0.5 AS reading FROM range(10)) TO "
                    + Duck.literal(file.toString()) + " (FORMAT parquet)");
        }
        assertThatThrownBy(() -> SourceFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("fleetsynth ingest")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aSchemaThatNamesAMissingColumnIsRefused() throws Exception {
        SourceSchema schema = awkward(4).schema();
        Path file = dir.resolve("partial.parquet");
        try (Connection db = Duck.open(null);
                Statement st = db.createStatement()) {
            st.execute("COPY (SELECT 'pump A' AS \"asset id\", 1.5 AS rul) TO " + Duck.literal(file.toString())
                    + " (FORMAT parquet, KV_METADATA {" + Duck.literal(SourceSchema.FOOTER_KEY) + ": "
                    + Duck.literal(schema.toJson()) + "})");
        }
        assertThatThrownBy(() -> SourceFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("lacks the column");
        assertThatThrownBy(() -> SourceFiles.read(dir.resolve("nowhere.parquet")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void theSchemaSurvivesJson() {
        SourceSchema schema = awkward(4).schema();
        assertThat(SourceSchema.fromJson(schema.toJson())).isEqualTo(schema);
        SourceSchema capped = new SourceSchema(
                "fd",
                SourceSchema.Origin.REAL,
                List.of(
                        SourceSchema.Field.of("unit", ColumnKind.INTEGER, Role.UNIT),
                        SourceSchema.Field.of("cycle", ColumnKind.INTEGER, Role.ORDER),
                        SourceSchema.Field.of("rul", ColumnKind.NUMBER, Role.RUL)),
                new SourceSchema.Order("cycle", SourceSchema.OrderKind.COUNTER, 1, "cycles"),
                "cycles",
                125.0);
        assertThat(SourceSchema.fromJson(capped.toJson())).isEqualTo(capped);
        assertThat(capped.toJson()).contains("\"rul_cap\":125.0");
    }

    @Test
    void aSchemaRefusesTwoColumnsOfOneNameAndTwoUnits() {
        List<SourceSchema.Field> twice = new ArrayList<>(List.of(
                SourceSchema.Field.of("a", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("a", ColumnKind.NUMBER, Role.FEATURE)));
        assertThatThrownBy(() -> new SourceSchema("m", SourceSchema.Origin.REAL, twice, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two columns");
        List<SourceSchema.Field> units = List.of(
                SourceSchema.Field.of("u1", ColumnKind.INTEGER, Role.UNIT),
                SourceSchema.Field.of("u2", ColumnKind.INTEGER, Role.UNIT));
        assertThatThrownBy(() -> new SourceSchema("m", SourceSchema.Origin.REAL, units, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit");
    }
}
