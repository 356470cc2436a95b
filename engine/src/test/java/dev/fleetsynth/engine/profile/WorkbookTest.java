package dev.fleetsynth.engine.profile;

import static dev.fleetsynth.engine.profile.Fixtures.assertWellFormed;
import static dev.fleetsynth.engine.profile.Fixtures.onlyProblem;
import static dev.fleetsynth.engine.profile.Fixtures.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks made or edited in a spreadsheet program, here with POI directly, in the documented layout. */
class WorkbookTest {
    private final ProfileReader reader = new ProfileReader();

    @TempDir
    Path dir;

    private static void row(Sheet sheet, int index, Object... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v == null) {
                continue;
            }
            if (v instanceof Number n) {
                row.createCell(c).setCellValue(n.doubleValue());
            } else if (v instanceof Boolean b) {
                row.createCell(c).setCellValue(b);
            } else {
                row.createCell(c).setCellValue(v.toString());
            }
        }
    }

    /** A pump as a user lays it out: columns in their own order, a quoted number, a description column left out. */
    private static Workbook pumpWorkbook() {
        Workbook wb = new XSSFWorkbook();
        Sheet machine = wb.createSheet("machine");
        row(machine, 0, "field", "value");
        row(machine, 1, "max_rul", 800);
        row(machine, 2, "cycles", 4);
        row(machine, 3, "degradation_pattern", "linear_medium");
        row(machine, 4, "rul_noise", "12");
        row(machine, 5, "machine_id", "pump_ksb_etanorm_101");
        row(machine, 6, "machine_type", "pump");
        row(machine, 7, "manufacturer", "KSB");
        row(machine, 8, "model", 2024);

        Sheet sensors = wb.createSheet("sensors");
        row(sensors, 0, "name", "unit", "base", "range", "noise", "response", "type");
        row(sensors, 1, "bearing_temp_C", "C", 45, 25, 0.6, "linear", "numeric");
        row(sensors, 2, "discharge_pressure_bar", "bar", 6.0, -1.8, 0.08, null, null);
        row(sensors, 3, "vibration_mm_s", "mm/s", 2, 4.5, "0.15", "convex", "numeric");

        Sheet modes = wb.createSheet("failure_modes");
        row(modes, 0, "name", "sensors", "weight", "description");
        row(modes, 1, "impeller_wear", "discharge_pressure_bar", 0.45, "erosion of the impeller");
        row(modes, 2, "bearing_wear", "bearing_temp_C,  vibration_mm_s ,", 0.55);

        Sheet params = wb.createSheet("operational_parameters");
        row(params, 0, "name", "value");
        row(params, 1, "rated_flow_m3h", 120);
        row(params, 2, "rated_head_m", 50.5);
        row(params, 3, "impeller_material", "bronze");
        row(params, 4, "vfd", true);
        return wb;
    }

    private static MachineProfile expectedPump() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rated_flow_m3h", 120L);
        params.put("rated_head_m", 50.5);
        params.put("impeller_material", "bronze");
        params.put("vfd", true);
        return new MachineProfile(
                "pump_ksb_etanorm_101",
                "pump",
                "KSB",
                "2024",
                List.of(
                        new SensorSpec("bearing_temp_C", "C", "numeric", 45, 25, 0.6, ResponseCurve.LINEAR, ""),
                        new SensorSpec(
                                "discharge_pressure_bar", "bar", "numeric", 6.0, -1.8, 0.08, ResponseCurve.LINEAR, ""),
                        new SensorSpec("vibration_mm_s", "mm/s", "numeric", 2, 4.5, 0.15, ResponseCurve.CONVEX, "")),
                List.of(
                        new FailureMode(
                                "impeller_wear", List.of("discharge_pressure_bar"), 0.45, "erosion of the impeller"),
                        new FailureMode("bearing_wear", List.of("bearing_temp_C", "vibration_mm_s"), 0.55, "")),
                params,
                new RulSettings(800, 4, DegradationPattern.LINEAR_MEDIUM, 12));
    }

    private Path save(Workbook wb) throws IOException {
        Path file = dir.resolve("pump.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    private ProfileRead readBack(Workbook wb) throws IOException {
        return reader.read(save(wb));
    }

    private static List<Problem> problems(ProfileRead read) {
        assertThat(read).isInstanceOf(ProfileRead.Invalid.class);
        List<Problem> problems = ((ProfileRead.Invalid) read).problems();
        assertWellFormed(problems);
        return problems;
    }

    @Test
    void aWorkbookWrittenWithPoiInTheDocumentedLayoutReads() throws IOException {
        ProfileRead read = readBack(pumpWorkbook());
        assertThat(read).isEqualTo(new ProfileRead.Valid(expectedPump(), ProfileFormat.XLSX));
    }

    @Test
    void aTemplateWorkbookEditedInPlaceReadsTheEdits() throws IOException {
        byte[] template = new ProfileWriter().write(Fixtures.motor(), ProfileFormat.XLSX);
        XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template));
        assertThat(List.of(
                        wb.getSheetName(0),
                        wb.getSheetName(1),
                        wb.getSheetName(2),
                        wb.getSheetName(3),
                        wb.getSheetName(4)))
                .containsExactly("instructions", "machine", "sensors", "failure_modes", "operational_parameters");
        Sheet machine = wb.getSheet("machine");
        for (Row r : machine) {
            if ("machine_id".equals(r.getCell(0).getStringCellValue())) {
                r.getCell(1).setCellValue("motor_edited_002");
            }
        }
        Sheet sensors = wb.getSheet("sensors");
        row(sensors, sensors.getLastRowNum() + 1, "current_A", "A", "numeric", 8, 6, 0.3, "concave", "phase current");
        ProfileRead read = reader.read(save(wb));

        List<SensorSpec> expectedSensors = new ArrayList<>(Fixtures.motor().sensors());
        expectedSensors.add(
                new SensorSpec("current_A", "A", "numeric", 8, 6, 0.3, ResponseCurve.CONCAVE, "phase current"));
        MachineProfile expected = Fixtures.withSensors(
                Fixtures.withIdentity(Fixtures.motor(), "motor_edited_002", "motor"), expectedSensors);
        assertThat(read).isEqualTo(new ProfileRead.Valid(expected, ProfileFormat.XLSX));
    }

    @Test
    void aMissingUnitCellIsReportedAtTheSensor() throws IOException {
        Workbook wb = pumpWorkbook();
        Sheet sensors = wb.getSheet("sensors");
        sensors.getRow(3).removeCell(sensors.getRow(3).getCell(1));
        Problem p = onlyProblem(problems(readBack(wb)), "sensors[2].unit");
        assertThat(p.message()).contains("missing");
        assertThat(p.suggestion()).startsWith("add unit: mm/s");
    }

    @Test
    void aBlankUnitCellIsMissingToo() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.getSheet("sensors").getRow(1).getCell(1).setCellValue("   ");
        Problem p = onlyProblem(problems(readBack(wb)), "sensors[0].unit");
        assertThat(p.suggestion()).startsWith("add unit: C");
    }

    @Test
    void textInANumberCellIsReportedAtItsPath() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.getSheet("sensors").getRow(2).getCell(3).setCellValue("six");
        Problem p = onlyProblem(problems(readBack(wb)), "sensors[1].range");
        assertThat(p.message()).contains("'six'");
    }

    @Test
    void blankRowsBetweenSensorsAreSkipped() throws IOException {
        Workbook wb = pumpWorkbook();
        Sheet sensors = wb.getSheet("sensors");
        sensors.shiftRows(2, 3, 2);
        assertThat(sensors.getRow(2)).isNull();
        assertThat(readBack(wb)).isEqualTo(new ProfileRead.Valid(expectedPump(), ProfileFormat.XLSX));
    }

    @Test
    void aMisnamedSheetGetsADidYouMean() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.setSheetName(wb.getSheetIndex("sensors"), "sensor");
        List<Problem> problems = problems(readBack(wb));
        Problem p = problemAt(problems, "(sheet sensor)");
        assertThat(p.suggestion()).contains("did you mean 'sensors'?");
        // without the sensors sheet there are no sensors, and the failure modes name unknown ones
        assertThat(problems).extracting(Problem::path).contains("sensors");
    }

    @Test
    void aWorkbookWithoutAMachineSheetIsRefused() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.removeSheetAt(wb.getSheetIndex("machine"));
        Problem p = onlyProblem(problems(readBack(wb)), Problem.FILE);
        assertThat(p.message()).contains("'machine'");
    }

    @Test
    void anUnknownFieldInTheMachineSheetGetsADidYouMean() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.getSheet("machine").getRow(4).getCell(0).setCellValue("rul_nosie");
        List<Problem> problems = problems(readBack(wb));
        assertThat(problemAt(problems, "rul_nosie").suggestion()).isEqualTo("did you mean 'rul_noise'?");
    }

    @Test
    void aFormulaErrorIsReported() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.getSheet("sensors").getRow(1).getCell(2).setCellErrorValue(FormulaError.DIV0.getCode());
        List<Problem> problems = problems(readBack(wb));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("formula error"));
        assertThat(problems).extracting(Problem::path).contains("sensors[0].base");
    }

    @Test
    void aSheetWithTooManyRowsIsRefused() throws IOException {
        Workbook wb = pumpWorkbook();
        row(wb.getSheet("operational_parameters"), WorkbookCodec.MAX_ROWS, "far_away", 1);
        Problem p = onlyProblem(problems(readBack(wb)), "(sheet operational_parameters)");
        assertThat(p.message()).contains(String.valueOf(WorkbookCodec.MAX_ROWS));
    }

    @Test
    void aRowWithTooManyColumnsIsRefused() throws IOException {
        Workbook wb = pumpWorkbook();
        wb.getSheet("sensors").getRow(1).createCell(WorkbookCodec.MAX_COLUMNS).setCellValue("x");
        onlyProblem(problems(readBack(wb)), "(sheet sensors)");
    }
}
