package dev.fleetsynth.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion through its public face, {@link Ingest#run}: real exports (the C-MAPSS and AI4I
 * excerpts) and files made here in every format and shape users bring, then the files that must be
 * refused. Every assertion is on what was written (read back with {@link SourceFiles#read}) or on
 * the report, never on internals.
 */
class IngestTest {
    /** Last cycle of each of the six units of the FD003 excerpt (its run-to-failure lengths). */
    private static final Map<Integer, Integer> FD003_LAST_CYCLE =
            Map.of(1, 259, 2, 253, 3, 222, 4, 272, 5, 213, 6, 278);

    private static final List<String> FD003_COLUMNS = fd003Columns();

    @TempDir
    Path dir;

    private static List<String> fd003Columns() {
        List<String> names = new ArrayList<>(List.of("unit", "cycle", "setting_1", "setting_2", "setting_3"));
        for (int i = 1; i <= 21; i++) {
            names.add("s" + i);
        }
        return List.copyOf(names);
    }

    private Path resource(String name, String as) throws IOException {
        Path target = dir.resolve(as);
        try (InputStream in = IngestTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    private static Ingest.Result run(Path file, IngestOptions o, Path out) throws IOException, IngestException {
        return Ingest.run(file, o, out, ProgressListener.NONE);
    }

    /** Every row of seed.parquet and holdout.parquet, as column name to value (numbers as Double, labels as String). */
    private static List<Map<String, Object>> allRows(Ingest.Result r) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(rows(SourceFiles.read(r.seed())));
        rows.addAll(rows(SourceFiles.read(r.holdout())));
        return rows;
    }

    private static List<Map<String, Object>> rows(SourceTable t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column c : t.table().columns()) {
                row.put(
                        c.name(),
                        c instanceof Column.Numeric n ? (Object) n.values()[i] : ((Column.Categorical) c).values()[i]);
            }
            out.add(row);
        }
        return out;
    }

    private static Set<Object> unitsOf(SourceTable t) {
        String unit = t.schema().unitColumn().orElseThrow();
        return rows(t).stream().map(r -> r.get(unit)).collect(Collectors.toSet());
    }

    private static Map<String, Object> find(
            List<Map<String, Object>> rows, String unitColumn, Object unit, String orderColumn, double order) {
        List<Map<String, Object>> hits = rows.stream()
                .filter(r -> r.get(unitColumn).equals(unit) && (double) r.get(orderColumn) == order)
                .toList();
        assertThat(hits)
                .as("rows of unit %s at %s %s", unit, orderColumn, order)
                .hasSize(1);
        return hits.get(0);
    }

    private static ColumnMapping.Entry entry(IngestReport report, String column) {
        return report.mapping().entry(column).orElseThrow(() -> new AssertionError("no mapping entry for " + column));
    }

    private static ColumnProfile profile(IngestReport report, String column) {
        return report.columns().stream()
                .filter(p -> p.name().equals(column))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no profile for " + column));
    }

    // ---------------------------------------------------------------- C-MAPSS: whitespace, no header

    @Test
    void fd003HeaderlessTextGetsUnitsCountersRulFromTheEndAndWholeHeldOutUnits() throws Exception {
        Path file = resource("fd003-excerpt.txt", "train_FD003.txt");
        Path out = dir.resolve("out");
        Ingest.Result r = run(file, IngestOptions.defaults().withColumns(FD003_COLUMNS), out);
        IngestReport report = r.report();

        assertThat(report.format()).isEqualTo("whitespace");
        assertThat(report.header()).isFalse();
        assertThat(report.rowsRead()).isEqualTo(1497);
        assertThat(entry(report, "unit").role()).isEqualTo(Role.UNIT);
        assertThat(entry(report, "cycle").role()).isEqualTo(Role.ORDER);
        assertThat(report.mapping().rulFrom()).isEqualTo(ColumnMapping.RulFrom.END);
        for (Path p : List.of(
                out.resolve(Ingest.SEED_FILE),
                out.resolve(Ingest.HOLDOUT_FILE),
                out.resolve(Ingest.REPORT_FILE),
                out.resolve(Ingest.TEXT_FILE))) {
            assertThat(p).isRegularFile();
        }

        SourceTable seed = SourceFiles.read(r.seed());
        SourceTable holdout = SourceFiles.read(r.holdout());
        SourceSchema schema = seed.schema();
        assertThat(schema).isEqualTo(report.schema()).isEqualTo(holdout.schema());
        assertThat(schema.machineId()).isEqualTo("train_fd003");
        assertThat(schema.origin()).isEqualTo(SourceSchema.Origin.REAL);
        assertThat(schema.unitColumn()).contains("unit");
        assertThat(schema.rulColumn()).contains("rul");
        assertThat(schema.order())
                .isEqualTo(new SourceSchema.Order("cycle", SourceSchema.OrderKind.COUNTER, 1.0, "cycles"));
        assertThat(schema.rulUnit()).isEqualTo("cycles");
        assertThat(schema.rulCap()).isNull();
        assertThat(schema.runToFailure()).isTrue();
        // The file's 26 columns in file order, then the RUL the ingest labelled.
        List<String> expected = new ArrayList<>(FD003_COLUMNS);
        expected.add("rul");
        assertThat(seed.table().names()).containsExactlyElementsOf(expected);
        assertThat(schema.field("unit").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(schema.field("s17").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(schema.field("s2").orElseThrow().kind()).isEqualTo(ColumnKind.NUMBER);

        // Six columns of the excerpt never change: not learnt, but written back as their constant.
        Map<String, Double> constants =
                Map.of("setting_3", 100.0, "s1", 518.67, "s5", 14.62, "s16", 0.03, "s18", 2388.0, "s19", 100.0);
        assertThat(schema.learnt().stream().map(SourceSchema.Field::name))
                .doesNotContainAnyElementsOf(constants.keySet())
                .contains("setting_1", "s2", "s3", "s4", "s7", "s17", "s20", "s21");
        constants.forEach((name, value) -> {
            SourceSchema.Field f = schema.field(name).orElseThrow();
            assertThat(f.role()).as(name).isEqualTo(Role.DROPPED);
            assertThat(Double.parseDouble(f.constant())).as(name).isEqualTo(value);
            for (SourceTable t : List.of(seed, holdout)) {
                assertThat(java.util.Arrays.stream(t.numeric(name)).distinct().boxed())
                        .as(name)
                        .containsExactly(value);
            }
        });
        assertThat(report.cleaning().dropped().stream().map(IngestReport.Dropped::column))
                .containsExactlyInAnyOrderElementsOf(constants.keySet());

        // RUL counts down to each unit's last cycle, exactly.
        List<Map<String, Object>> rows = allRows(r);
        assertThat(rows).hasSize(1497);
        for (Map<String, Object> row : rows) {
            int unit = (int) (double) (Double) row.get("unit");
            assertThat((double) row.get("rul")).isEqualTo(FD003_LAST_CYCLE.get(unit) - (double) row.get("cycle"));
        }
        assertThat(find(rows, "unit", 1.0, "cycle", 1).get("rul")).isEqualTo(258.0);
        assertThat(find(rows, "unit", 1.0, "cycle", 259).get("rul")).isEqualTo(0.0);
        assertThat(find(rows, "unit", 4.0, "cycle", 100).get("rul")).isEqualTo(172.0);
        assertThat(report.rul().lives()).isEqualTo(6);
        assertThat(report.rul().lifeMin()).isEqualTo(213.0);
        assertThat(report.rul().lifeMax()).isEqualTo(278.0);

        // 20 % of 6 units, rounded: one whole unit held out, none of its rows in the seed.
        assertThat(report.units()).isEqualTo(6);
        assertThat(report.unitsHeldOut()).hasSize(1);
        Set<Object> held = unitsOf(holdout);
        Set<Object> trained = unitsOf(seed);
        assertThat(held).hasSize(1).doesNotContainAnyElementsOf(trained);
        assertThat(trained).hasSize(5);
        int heldUnit = (int) (double) (Double) held.iterator().next();
        assertThat(report.unitsHeldOut()).containsExactly(String.valueOf(heldUnit));
        assertThat(holdout.rows()).isEqualTo(FD003_LAST_CYCLE.get(heldUnit));
        assertThat(report.rowsHeldOut()).isEqualTo(holdout.rows());
        assertThat(report.rowsWritten()).isEqualTo(seed.rows()).isEqualTo(1497 - holdout.rows());
        // Rows of a unit are contiguous and in cycle order.
        assertThat(seed.units()).isEqualTo(5);
        double[] cycle = seed.numeric("cycle");
        int[] unitIndex = seed.unitIndex();
        for (int i = 1; i < cycle.length; i++) {
            if (unitIndex[i] == unitIndex[i - 1]) {
                assertThat(cycle[i]).isEqualTo(cycle[i - 1] + 1);
            }
        }
        assertThat(Files.readString(out.resolve(Ingest.TEXT_FILE)))
                .contains("RUL: from end, in cycles", "not learnt: setting_3");
    }

    @Test
    void fd003WithoutColumnNamesNamesThemByPosition() throws Exception {
        Ingest.Result r =
                run(resource("fd003-excerpt.txt", "train_FD003.txt"), IngestOptions.defaults(), dir.resolve("out"));
        SourceSchema schema = SourceFiles.read(r.seed()).schema();
        assertThat(schema.fields().get(0).name()).isEqualTo("col1");
        assertThat(schema.unitColumn()).contains("col1");
        assertThat(schema.order().column()).isEqualTo("col2");
        assertThat(schema.order().kind()).isEqualTo(SourceSchema.OrderKind.COUNTER);
        assertThat(schema.order().step()).isEqualTo(1.0);
        assertThat(schema.field("col5").orElseThrow().role()).isEqualTo(Role.DROPPED);
        assertThat(schema.field("col7").orElseThrow().role()).isEqualTo(Role.FEATURE);
        assertThat(r.report().rul().lives()).isEqualTo(6);
    }

    @Test
    void rulCapWritesPiecewiseLinearRul() throws Exception {
        Ingest.Result r = run(
                resource("fd003-excerpt.txt", "train_FD003.txt"),
                IngestOptions.defaults().withColumns(FD003_COLUMNS).withRulCap(125.0),
                dir.resolve("out"));
        assertThat(SourceFiles.read(r.seed()).schema().rulCap()).isEqualTo(125.0);
        assertThat(r.report().rul().cap()).isEqualTo(125.0);
        List<Map<String, Object>> rows = allRows(r);
        assertThat(rows.stream().mapToDouble(x -> (double) x.get("rul")).max().orElseThrow())
                .isEqualTo(125.0);
        assertThat(find(rows, "unit", 1.0, "cycle", 1).get("rul")).isEqualTo(125.0);
        assertThat(find(rows, "unit", 1.0, "cycle", 134).get("rul")).isEqualTo(125.0);
        assertThat(find(rows, "unit", 1.0, "cycle", 200).get("rul")).isEqualTo(59.0);
    }

    // ---------------------------------------------------------------- AI4I: a table, not histories

    @Test
    void ai4iKeepsItsNamesAndKindsAndIsLearntAsATable() throws Exception {
        Ingest.Result r =
                run(resource("ai4i2020-excerpt.csv", "ai4i2020.csv"), IngestOptions.defaults(), dir.resolve("out"));
        IngestReport report = r.report();
        assertThat(report.format()).isEqualTo("delimited");
        assertThat(report.header()).isTrue();
        assertThat(report.rowsRead()).isEqualTo(200);
        assertThat(profile(report, "Type").kind()).isEqualTo(ColumnKind.CATEGORY);
        for (String flag : List.of("Machine failure", "TWF", "PWF", "OSF")) {
            assertThat(profile(report, flag).kind()).as(flag).isEqualTo(ColumnKind.FLAG);
        }
        assertThat(profile(report, "Rotational speed [rpm]").kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(profile(report, "Tool wear [min]").kind()).isEqualTo(ColumnKind.INTEGER);
        assertThat(profile(report, "Torque [Nm]").kind()).isEqualTo(ColumnKind.NUMBER);
        assertThat(profile(report, "Torque [Nm]").unit()).isEqualTo("N*m");
        assertThat(profile(report, "Product ID").kind()).isEqualTo(ColumnKind.IDENTIFIER);
        assertThat(entry(report, "Product ID").role()).isEqualTo(Role.DROPPED);
        assertThat(entry(report, "Machine failure").role()).isEqualTo(Role.FAILURE);

        SourceTable seed = SourceFiles.read(r.seed());
        SourceSchema schema = seed.schema();
        // Names exactly as the file has them: brackets and spaces survive Parquet and the schema.
        assertThat(schema.learnt().stream().map(SourceSchema.Field::name))
                .contains(
                        "Type",
                        "Air temperature [K]",
                        "Process temperature [K]",
                        "Rotational speed [rpm]",
                        "Torque [Nm]",
                        "Tool wear [min]",
                        "Machine failure",
                        "TWF");
        assertThat(schema.learnt().stream().map(SourceSchema.Field::name)).doesNotContain("Product ID", "UDI");
        assertThat(schema.field("Product ID")).isEmpty();
        // No RUL can be labelled without units that run to failure: rows are a table.
        assertThat(schema.rulColumn()).isEmpty();
        assertThat(schema.runToFailure()).isFalse();
        assertThat(report.rul()).isNull();
        assertThat(report.mapping().rulFrom()).isEqualTo(ColumnMapping.RulFrom.NONE);
        assertThat(report.notes()).anyMatch(n -> n.contains("learnt as a table"));
        // Values as the file has them, typed by kind.
        assertThat(seed.column("Type")).isInstanceOf(Column.Categorical.class);
        assertThat(((Column.Categorical) seed.column("Type")).values()[0]).isEqualTo("M");
        assertThat(seed.numeric("Air temperature [K]")[0]).isEqualTo(298.1);
        assertThat(seed.numeric("Rotational speed [rpm]")[0]).isEqualTo(1551.0);
        // Without units, the last 20 % of rows are held out.
        assertThat(seed.rows()).isEqualTo(160);
        assertThat(SourceFiles.read(r.holdout()).rows()).isEqualTo(40);
    }

    // ---------------------------------------------------------------- historian: long to wide

    @Test
    void historianExportIsPivotedToOneColumnPerTagWithATimestampClock() throws Exception {
        Path file = dir.resolve("historian.csv");
        LocalDateTime start = LocalDateTime.of(2024, 5, 1, 0, 0);
        Map<String, Integer> lengths = Map.of("P-101", 30, "P-102", 24, "P-103", 36);
        Random random = new Random(5);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("asset,timestamp,tag,value\n");
            for (String asset : List.of("P-101", "P-102", "P-103")) {
                for (int k = 0; k < lengths.get(asset); k++) {
                    String ts = start.plusMinutes(10L * k).toString().replace('T', ' ') + ":00";
                    w.write(String.format(
                            Locale.ROOT, "%s,%s,bearing_temp,%.3f%n", asset, ts, 40 + 0.5 * k + random.nextGaussian()));
                    w.write(String.format(
                            Locale.ROOT,
                            "%s,%s,vibration,%.3f%n",
                            asset,
                            ts,
                            2 + 0.05 * k + 0.1 * random.nextGaussian()));
                    w.write(String.format(
                            Locale.ROOT, "%s,%s,current,%.3f%n", asset, ts, 12 + 0.3 * random.nextGaussian()));
                }
            }
        }
        Ingest.Result r = run(file, IngestOptions.defaults(), dir.resolve("out"));
        IngestReport report = r.report();
        assertThat(report.historian()).isNotNull();
        assertThat(report.historian().tags()).isEqualTo(3);
        assertThat(report.historian().asset()).isEqualTo("asset");
        assertThat(report.rowsRead()).isEqualTo(90);

        SourceTable seed = SourceFiles.read(r.seed());
        SourceSchema schema = seed.schema();
        assertThat(seed.table().names())
                .contains("asset", "timestamp", "bearing_temp", "vibration", "current", "rul")
                .doesNotContain("tag", "value");
        assertThat(schema.unitColumn()).contains("asset");
        assertThat(schema.field("asset").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORY);
        assertThat(schema.order())
                .isEqualTo(new SourceSchema.Order("timestamp", SourceSchema.OrderKind.TIMESTAMP, 600.0, "hours"));
        assertThat(schema.rulUnit()).isEqualTo("hours");

        // RUL from each asset's last reading, in hours: 10 minutes a step.
        List<Map<String, Object>> rows = allRows(r);
        assertThat(rows).hasSize(90);
        long startMicros = start.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        for (Map<String, Object> row : rows) {
            int len = lengths.get((String) row.get("asset"));
            double step = ((double) row.get("timestamp") - startMicros) / 600e6;
            assertThat(step).isEqualTo(Math.rint(step));
            assertThat((double) row.get("rul")).isCloseTo((len - 1 - step) / 6.0, within(1e-9));
        }
        assertThat((double)
                        find(rows, "asset", "P-103", "timestamp", startMicros).get("rul"))
                .isCloseTo(35 / 6.0, within(1e-9));
        assertThat(report.unitsHeldOut()).hasSize(1);
    }

    // ---------------------------------------------------------------- Excel

    /** A workbook with two data sheets: "Line 1" first, then "Line 2 (spare)"; dates are real Excel dates. */
    private Path workbook() throws IOException {
        Path file = dir.resolve("readings.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            writeSheet(wb.createSheet("Line 1"), date, 2, 20.0);
            writeSheet(wb.createSheet("Line 2 (spare)"), date, 3, 60.0);
            wb.write(out);
        }
        return file;
    }

    private static void writeSheet(Sheet sheet, CellStyle date, int machines, double baseTemp) {
        Row header = sheet.createRow(0);
        String[] names = {"Machine", "Date", "Temperature (°C)", "Vibration (mm/s)"};
        for (int j = 0; j < names.length; j++) {
            header.createCell(j).setCellValue(names[j]);
        }
        int r = 1;
        for (int m = 1; m <= machines; m++) {
            for (int h = 0; h < 12; h++) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue("M" + m);
                var cell = row.createCell(1);
                cell.setCellValue(LocalDateTime.of(2024, 3, 1, 0, 0).plusHours(h));
                cell.setCellStyle(date);
                row.createCell(2).setCellValue(baseTemp + h * 1.5 + m * 0.25);
                row.createCell(3).setCellValue(1.0 + h * 0.1 + m * 0.01);
            }
        }
    }

    @Test
    void workbookIsReadByDefaultFromItsFirstSheetAndByNameFromAnother() throws Exception {
        Path file = workbook();
        Ingest.Result first = run(file, IngestOptions.defaults(), dir.resolve("first"));
        assertThat(first.report().format()).isEqualTo("xlsx");
        assertThat(first.report().sheet()).isEqualTo("Line 1");
        assertThat(first.report().rowsRead()).isEqualTo(24);

        Ingest.Result second = run(file, IngestOptions.defaults().withSheet("Line 2 (spare)"), dir.resolve("second"));
        assertThat(second.report().sheet()).isEqualTo("Line 2 (spare)");
        assertThat(second.report().rowsRead()).isEqualTo(36);
        SourceSchema schema = SourceFiles.read(second.seed()).schema();
        assertThat(schema.unitColumn()).contains("Machine");
        // Excel dates arrive as timestamps, not as the serial numbers Excel stores.
        assertThat(schema.field("Date").orElseThrow().kind()).isEqualTo(ColumnKind.TIMESTAMP);
        assertThat(schema.order())
                .isEqualTo(new SourceSchema.Order("Date", SourceSchema.OrderKind.TIMESTAMP, 3600.0, "hours"));
        assertThat(schema.field("Temperature (°C)").orElseThrow().unit()).isEqualTo("C");
        List<Map<String, Object>> rows = allRows(second);
        long micros = LocalDateTime.of(2024, 3, 1, 5, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        Map<String, Object> row = find(rows, "Machine", "M2", "Date", micros);
        assertThat((double) row.get("Temperature (°C)")).isCloseTo(60.0 + 5 * 1.5 + 0.5, within(1e-9));
        assertThat((double) row.get("rul")).isEqualTo(6.0);
    }

    @Test
    void aMissingSheetIsAProblemThatListsTheSheets() throws Exception {
        Path file = workbook();
        Path out = dir.resolve("out");
        IngestException e = catchThrowableOfType(
                () -> run(file, IngestOptions.defaults().withSheet("Line 3"), out), IngestException.class);
        assertThat(e).isNotNull();
        IngestException.Problem p = e.problems().get(0);
        assertThat(p.field()).isEqualTo("--sheet");
        assertThat(p.message()).contains("Line 3");
        assertThat(p.fix()).contains("Line 1", "Line 2 (spare)");
        assertNothingWritten(out);
    }

    // ---------------------------------------------------------------- JSON

    private static List<String> engineRecords() {
        List<String> records = new ArrayList<>();
        Random random = new Random(11);
        int[] lives = {25, 31, 28, 22};
        for (int e = 0; e < lives.length; e++) {
            for (int c = 1; c <= lives[e]; c++) {
                records.add(String.format(
                        Locale.ROOT,
                        "{\"engine_id\": \"E%d\", \"cycle\": %d, \"T24\": %.2f, \"P30\": %.2f, \"regime\": \"%s\"}",
                        e + 1,
                        c,
                        642 + 0.05 * c + random.nextGaussian() * 0.3,
                        554 - 0.04 * c + random.nextGaussian() * 0.3,
                        c % 3 == 0 ? "climb" : "cruise"));
            }
        }
        return records;
    }

    @Test
    void jsonLinesAndAJsonArrayOfTheSameRecordsGiveTheSameSeed() throws Exception {
        List<String> records = engineRecords();
        Path lines = dir.resolve("engines.jsonl");
        Files.writeString(lines, String.join("\n", records) + "\n");
        Path array = dir.resolve("engines.json");
        Files.writeString(array, "[\n  " + String.join(",\n  ", records) + "\n]\n");

        Ingest.Result a = run(lines, IngestOptions.defaults(), dir.resolve("a"));
        Ingest.Result b = run(array, IngestOptions.defaults(), dir.resolve("b"));
        for (Ingest.Result r : List.of(a, b)) {
            assertThat(r.report().format()).isEqualTo("json");
            assertThat(r.report().rowsRead()).isEqualTo(106);
            SourceSchema schema = SourceFiles.read(r.seed()).schema();
            assertThat(schema.unitColumn()).contains("engine_id");
            assertThat(schema.field("engine_id").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORY);
            assertThat(schema.order().column()).isEqualTo("cycle");
            assertThat(schema.field("regime").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORY);
            assertThat(schema.field("regime").orElseThrow().role()).isEqualTo(Role.FEATURE);
            assertThat(schema.field("T24").orElseThrow().kind()).isEqualTo(ColumnKind.NUMBER);
        }
        List<Map<String, Object>> rowsA = allRows(a);
        assertThat(rowsA).hasSize(106).isEqualTo(allRows(b));
        assertThat(find(rowsA, "engine_id", "E2", "cycle", 1).get("rul")).isEqualTo(30.0);
        assertThat(find(rowsA, "engine_id", "E2", "cycle", 3).get("regime")).isEqualTo("climb");
    }

    // ---------------------------------------------------------------- cleaning

    /** Four machines of 20 cycles; machine 2 lacks its cycle-5 temperature, machine 3 its cycle-1 pressure; one row twice. */
    private Path gappy() throws IOException {
        Path file = dir.resolve("gappy.csv");
        StringBuilder b = new StringBuilder("machine,cycle,temp_C,pressure_bar\n");
        for (int m = 1; m <= 4; m++) {
            for (int c = 1; c <= 20; c++) {
                String temp = m == 2 && c == 5 ? "" : String.format(Locale.ROOT, "%.2f", 40 + m + 0.75 * c);
                String pressure =
                        m == 3 && c == 1 ? "NA" : String.format(Locale.ROOT, "%.3f", 6.0 - 0.05 * c + 0.01 * m);
                String line = m + "," + c + "," + temp + "," + pressure + "\n";
                b.append(line);
                if (m == 1 && c == 7) {
                    b.append(line);
                }
            }
        }
        Files.writeString(file, b);
        return file;
    }

    @Test
    void missingValuesAreFilledFromTheSameUnitAndDuplicatesRemoved() throws Exception {
        Ingest.Result r = run(gappy(), IngestOptions.defaults(), dir.resolve("out"));
        IngestReport.Cleaning cleaning = r.report().cleaning();
        assertThat(r.report().rowsRead()).isEqualTo(81);
        assertThat(cleaning.missing()).isEqualTo("fill");
        assertThat(cleaning.duplicates()).isEqualTo(1);
        assertThat(cleaning.filled()).containsEntry("temp_C", 1L).containsEntry("pressure_bar", 1L);
        assertThat(cleaning.rowsDropped()).isZero();
        List<Map<String, Object>> rows = allRows(r);
        assertThat(rows).hasSize(80);
        // Forward within the unit: machine 2's cycle-4 temperature, not another machine's or the median.
        assertThat((double) find(rows, "machine", 2.0, "cycle", 5).get("temp_C"))
                .isCloseTo(42 + 0.75 * 4, within(1e-9));
        // A unit's first value has nothing before it: the next value of the same unit.
        assertThat((double) find(rows, "machine", 3.0, "cycle", 1).get("pressure_bar"))
                .isCloseTo(6.0 - 0.05 * 2 + 0.03, within(1e-9));
        assertThat(rows.stream()
                        .filter(x ->
                                x.get("machine").equals(1.0) && x.get("cycle").equals(7.0)))
                .hasSize(1);
    }

    @Test
    void missingValuesDropTheirRowsWhenAskedTo() throws Exception {
        Ingest.Result r =
                run(gappy(), IngestOptions.defaults().withMissing(IngestOptions.Missing.DROP), dir.resolve("out"));
        IngestReport.Cleaning cleaning = r.report().cleaning();
        assertThat(cleaning.missing()).isEqualTo("drop");
        assertThat(cleaning.rowsDropped()).isEqualTo(2);
        assertThat(cleaning.duplicates()).isEqualTo(1);
        assertThat(cleaning.filled()).isEmpty();
        List<Map<String, Object>> rows = allRows(r);
        assertThat(rows).hasSize(78);
        assertThat(rows)
                .noneMatch(x -> x.get("machine").equals(2.0) && x.get("cycle").equals(5.0));
        assertThat(rows)
                .noneMatch(x -> x.get("machine").equals(3.0) && x.get("cycle").equals(1.0));
        assertThat(rows).allSatisfy(x -> assertThat((double) x.get("temp_C")).isNotNaN());
    }

    @Test
    void failureEventsEndLivesAndRowsAfterTheLastFailureAreCensored() throws Exception {
        // Asset 1 fails at cycles 10 and 25 and runs on to 30; asset 2 fails at its last cycle, 20;
        // asset 3 never fails in its 15 cycles.
        Path file = dir.resolve("events.csv");
        Map<Integer, Integer> lengths = Map.of(1, 30, 2, 20, 3, 15);
        Map<Integer, Set<Integer>> failures = Map.of(1, Set.of(10, 25), 2, Set.of(20), 3, Set.of());
        Random random = new Random(3);
        StringBuilder b = new StringBuilder("asset,cycle,vibration_mm_s,failure\n");
        for (int a = 1; a <= 3; a++) {
            for (int c = 1; c <= lengths.get(a); c++) {
                b.append(String.format(
                        Locale.ROOT,
                        "%d,%d,%.3f,%d%n",
                        a,
                        c,
                        2 + 0.1 * (c % 10) + 0.05 * random.nextGaussian(),
                        failures.get(a).contains(c) ? 1 : 0));
            }
        }
        Files.writeString(file, b);
        Ingest.Result r = run(file, IngestOptions.defaults(), dir.resolve("out"));
        IngestReport report = r.report();
        assertThat(report.mapping().rulFrom()).isEqualTo(ColumnMapping.RulFrom.EVENTS);
        assertThat(entry(report, "failure").role()).isEqualTo(Role.FAILURE);
        assertThat(report.rul().censoredRows()).isEqualTo(5 + 15);
        assertThat(report.rul().censoredUnits()).isEqualTo(1);
        assertThat(report.rul().lives()).isEqualTo(3);

        List<Map<String, Object>> rows = allRows(r);
        assertThat(rows).hasSize(30 - 5 + 20);
        assertThat(rows).noneMatch(x -> x.get("asset").equals(3.0));
        assertThat(rows).noneMatch(x -> x.get("asset").equals(1.0) && (double) x.get("cycle") > 25);
        // Time to the next failure of the same asset.
        assertThat(find(rows, "asset", 1.0, "cycle", 1).get("rul")).isEqualTo(9.0);
        assertThat(find(rows, "asset", 1.0, "cycle", 10).get("rul")).isEqualTo(0.0);
        assertThat(find(rows, "asset", 1.0, "cycle", 11).get("rul")).isEqualTo(14.0);
        assertThat(find(rows, "asset", 1.0, "cycle", 25).get("rul")).isEqualTo(0.0);
        assertThat(find(rows, "asset", 2.0, "cycle", 1).get("rul")).isEqualTo(19.0);
    }

    // ---------------------------------------------------------------- saved mappings

    @Test
    void aSavedMappingAppliesToTheNextFileOfTheSameShape() throws Exception {
        Path first = resource("fd003-excerpt.txt", "train_FD003.txt");
        IngestOptions named = IngestOptions.defaults().withColumns(FD003_COLUMNS);
        Ingest.Result a = run(first, named, dir.resolve("a"));
        ColumnMapping saved = ColumnMapping.read(dir.resolve("a").resolve(Ingest.REPORT_FILE));
        assertThat(saved).isEqualTo(a.report().mapping());

        // Next month's export: other units (the first three of the excerpt), the same columns.
        Path second = dir.resolve("next_month.txt");
        List<String> lines = Files.readAllLines(first).stream()
                .filter(l -> Integer.parseInt(l.strip().split("\\s+")[0]) <= 3)
                .toList();
        Files.write(second, lines);
        Ingest.Result b = run(second, named.withMapping(saved), dir.resolve("b"));
        assertThat(b.report().mapping().columns()).isEqualTo(saved.columns());
        assertThat(b.report().rowsRead()).isEqualTo(259 + 253 + 222);
        SourceSchema schema = SourceFiles.read(b.seed()).schema();
        for (ColumnMapping.Entry e : saved.columns()) {
            schema.field(e.target())
                    .ifPresent(f -> assertThat(f.role()).as(e.target()).isEqualTo(e.role()));
        }
        assertThat(schema.unitColumn()).contains("unit");
        assertThat(schema.order().column()).isEqualTo("cycle");
    }

    @Test
    void aMappingOfAnotherShapeIsRefused() throws Exception {
        run(resource("ai4i2020-excerpt.csv", "ai4i2020.csv"), IngestOptions.defaults(), dir.resolve("a"));
        ColumnMapping ai4i = ColumnMapping.read(dir.resolve("a").resolve(Ingest.REPORT_FILE));
        Path fd003 = resource("fd003-excerpt.txt", "train_FD003.txt");
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(
                fd003, IngestOptions.defaults().withColumns(FD003_COLUMNS).withMapping(ai4i), out);
        assertThat(p.field()).isEqualTo("mapping");
        assertThat(p.message()).contains("Machine failure", "s21");
        assertNothingWritten(out);
    }

    @Test
    void previewSuggestsTheMappingAndWritesNothing() throws Exception {
        Path file = resource("fd003-excerpt.txt", "train_FD003.txt");
        Ingest.Preview p = Ingest.preview(file, IngestOptions.defaults().withColumns(FD003_COLUMNS));
        assertThat(p.format()).isEqualTo("whitespace");
        assertThat(p.rows()).isEqualTo(1497);
        assertThat(p.sample()).hasSize(20);
        assertThat(p.sample().get(0)).containsEntry("unit", 1L).containsEntry("cycle", 1L);
        assertThat(p.mapping().entry("unit").orElseThrow().role()).isEqualTo(Role.UNIT);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("train_FD003.txt");
        }
    }

    // ---------------------------------------------------------------- bad and hostile files

    /** Runs an ingest that must fail, and returns its first problem, after the checks every problem must pass. */
    private static IngestException.Problem refused(Path file, IngestOptions o, Path out) {
        IngestException e = catchThrowableOfType(() -> run(file, o, out), IngestException.class);
        assertThat(e).as("an IngestException for %s", file.getFileName()).isNotNull();
        assertThat(e.problems()).isNotEmpty();
        IngestException.Problem p = e.problems().get(0);
        assertThat(p.field()).isNotBlank();
        assertThat(p.message()).isNotBlank();
        assertThat(p.fix()).isNotBlank();
        return p;
    }

    private static void assertNothingWritten(Path out) throws IOException {
        assertThat(out.resolve(Ingest.SEED_FILE)).doesNotExist();
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("files left in the out dir")
                        .isEmpty();
            }
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(
                resource("fd003-excerpt.txt", "train_FD003.txt"),
                IngestOptions.defaults().withMaxBytes(10_000),
                out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains("limit");
        assertNothingWritten(out);
    }

    @Test
    void anUnclosedQuoteIsRefused() throws Exception {
        Path file = dir.resolve("quotes.csv");
        StringBuilder b = new StringBuilder("unit,cycle,comment,temp\n");
        for (int i = 1; i <= 30; i++) {
            b.append(i <= 15 ? 1 : 2)
                    .append(',')
                    .append(i)
                    .append(",\"ok\",")
                    .append(40 + i)
                    .append('\n');
        }
        b.append("2,31,\"never closed,41\n2,32,\"ok\",42\n");
        Files.writeString(file, b);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.row()).isEqualTo(31L);
        assertThat(p.message()).containsIgnoringCase("quote");
        assertNothingWritten(out);
    }

    @Test
    void wellFormedQuotesAndInchMarksAreRead() throws Exception {
        // The guard against unclosed quotes must not refuse quoting done right, nor a quote mark inside a value.
        Path file = dir.resolve("quoted.csv");
        StringBuilder b = new StringBuilder("unit,cycle,comment,pipe,temp\n");
        for (int i = 1; i <= 30; i++) {
            b.append(i <= 15 ? 1 : 2)
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "\"valve A, left\"" : "\"said \"\"ok\"\"\"")
                    .append(",12\" pipe,")
                    .append(40 + i)
                    .append('\n');
        }
        Files.writeString(file, b);
        List<Map<String, Object>> rows = allRows(run(file, IngestOptions.defaults(), dir.resolve("out")));
        assertThat(rows).hasSize(30);
        assertThat(rows.stream().map(r -> r.get("comment")).distinct())
                .containsExactlyInAnyOrder("valve A, left", "said \"ok\"");
        assertThat(rows.stream().map(r -> r.get("pipe")).distinct()).containsExactly("12\" pipe");
    }

    @Test
    void aWordAmongNumbersNamesTheColumnAndTheRow() throws Exception {
        Path file = dir.resolve("typo.csv");
        StringBuilder b = new StringBuilder("unit,cycle,temp_C,pressure_bar\n");
        for (int i = 1; i <= 100; i++) {
            b.append(1 + (i - 1) / 25)
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(i == 57 ? "hot" : String.valueOf(40 + 0.1 * i))
                    .append(',')
                    .append(6 - 0.01 * i)
                    .append('\n');
        }
        Files.writeString(file, b);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("temp_C");
        assertThat(p.row()).isEqualTo(57L);
        assertNothingWritten(out);
    }

    @Test
    void aWordAmongNumbersPastTheTypeSnifferNamesTheColumnAndTheRow() throws Exception {
        // DuckDB types columns from a sample of rows; a word far below it fails the read itself.
        Path file = dir.resolve("late_typo.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("unit,cycle,temp_C,pressure_bar\n");
            for (int i = 1; i <= 60_000; i++) {
                w.write((1 + (i - 1) / 1000) + "," + i + ","
                        + (i == 45_678 ? "hot" : String.valueOf(40 + (i % 100) * 0.1)) + "," + (6 - (i % 50) * 0.01)
                        + "\n");
            }
        }
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("temp_C");
        assertThat(p.row()).isEqualTo(45_678L);
        assertThat(p.message()).contains("hot");
        assertNothingWritten(out);
    }

    @Test
    void aHeaderOfAMillionColumnsIsRefused() throws Exception {
        Path file = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(IntStream.range(0, 1_000_000).mapToObj(i -> "c" + i).collect(Collectors.joining(",")));
            w.write("\n1,2,3\n");
        }
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertNothingWritten(out);
    }

    @Test
    void aHeaderJustOverTheColumnLimitIsRefused() throws Exception {
        Path file = dir.resolve("wide.csv");
        int n = IngestOptions.MAX_COLUMNS + 1;
        Files.writeString(
                file,
                IntStream.range(0, n).mapToObj(i -> "c" + i).collect(Collectors.joining(",")) + "\n"
                        + IntStream.range(0, n).mapToObj(String::valueOf).collect(Collectors.joining(",")) + "\n");
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains(String.valueOf(n));
        assertNothingWritten(out);
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path file = dir.resolve("empty.csv");
        Files.createFile(file);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains("empty");
        assertNothingWritten(out);
    }

    @Test
    void aHeaderWithoutRowsIsRefused() throws Exception {
        Path file = dir.resolve("header.csv");
        Files.writeString(file, "unit,cycle,temp\n");
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertNothingWritten(out);
    }

    @Test
    void aBinaryFileIsRefused() throws Exception {
        Path file = dir.resolve("data.csv");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        bytes[100] = 0;
        bytes[0] = 'x';
        Files.write(file, bytes);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains("binary");
        assertNothingWritten(out);
    }

    @Test
    void anOldExcelWorkbookIsRefusedWithAWayOut() throws Exception {
        Path file = dir.resolve("readings.xls");
        byte[] bytes = new byte[2048];
        byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(ole, 0, bytes, 0, ole.length);
        Files.write(file, bytes);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains(".xls");
        assertThat(p.fix()).contains(".xlsx");
        assertNothingWritten(out);
    }

    /** Writes a zip of the given entries; the last entry, if {@code bombBytes} > 0, is that many repeated bytes. */
    private static void zip(Path file, Map<String, String> entries, String bombEntry, long bombBytes)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            if (bombEntry != null) {
                zip.putNextEntry(new ZipEntry(bombEntry));
                zip.write(
                        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                                        + "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>")
                                .getBytes(StandardCharsets.UTF_8));
                byte[] block = new byte[1 << 20];
                java.util.Arrays.fill(block, (byte) 'A');
                for (long written = 0; written < bombBytes; written += block.length) {
                    zip.write(block);
                }
                zip.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    /** The parts of a minimal .xlsx package, all but the sheet itself. */
    private static Map<String, String> xlsxParts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                        + "</Types>");
        parts.put(
                "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                        + "</Relationships>");
        parts.put(
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put(
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                        + "Target=\"worksheets/sheet1.xml\"/></Relationships>");
        return parts;
    }

    @Test
    void aZipBombDisguisedAsAWorkbookIsRefused() throws Exception {
        Path file = dir.resolve("readings.xlsx");
        // 400 MB of one byte compress about a thousandfold: a file well under a megabyte.
        zip(file, xlsxParts(), "xl/worksheets/sheet1.xml", 400L << 20);
        assertThat(Files.size(file)).isLessThan(1L << 20);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).containsIgnoringCase("zip bomb");
        assertNothingWritten(out);
    }

    @Test
    void aZipThatIsNotAWorkbookIsRefused() throws Exception {
        Path file = dir.resolve("readings.xlsx");
        zip(file, Map.of("readme.txt", "not a workbook", "data/values.csv", "a,b\n1,2\n"), null, 0);
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(file, IngestOptions.defaults(), out);
        assertThat(p.field()).isEqualTo("file");
        assertThat(p.message()).contains(".xlsx");
        assertNothingWritten(out);
    }

    @Test
    void anUnknownUnitColumnSuggestsTheClosest() throws Exception {
        Path file = resource("fd003-excerpt.txt", "train_FD003.txt");
        Path out = dir.resolve("out");
        IngestException.Problem p = refused(
                file,
                IngestOptions.defaults().withColumns(FD003_COLUMNS).withRoles("units", null, null, false, null),
                out);
        assertThat(p.field()).isEqualTo("--unit");
        assertThat(p.message()).contains("units");
        assertThat(p.fix()).contains("did you mean 'unit'");
        assertNothingWritten(out);
    }

    @Test
    void theWrongNumberOfColumnNamesIsRefused() throws Exception {
        Path file = resource("fd003-excerpt.txt", "train_FD003.txt");
        Path out = dir.resolve("out");
        IngestException.Problem p =
                refused(file, IngestOptions.defaults().withColumns(FD003_COLUMNS.subList(0, 25)), out);
        assertThat(p.field()).isEqualTo("--columns");
        assertThat(p.fix()).contains("26");
        assertNothingWritten(out);
    }
}
