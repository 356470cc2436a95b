package dev.fleetsynth.engine.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Excel (.xlsx) profiles. The workbook layout, documented in docs/profile-workbook.md and in the
 * template's own "instructions" sheet:
 * <ul>
 *   <li>{@code machine}: two columns, field and value, one row per field: machine_id, machine_type,
 *       manufacturer, model, max_rul, cycles, degradation_pattern, rul_noise.</li>
 *   <li>{@code sensors}: a header row (name, unit, type, base, range, noise, response, description),
 *       then one row per sensor.</li>
 *   <li>{@code failure_modes} (optional): header (name, sensors, weight, description); sensors as a
 *       comma-separated list of sensor names.</li>
 *   <li>{@code operational_parameters} (optional): header (name, value), one row per parameter.</li>
 *   <li>{@code instructions} (optional): free text, ignored.</li>
 * </ul>
 * The workbook is turned into the same document tree a JSON or YAML profile parses to.
 */
final class WorkbookCodec {
    static final int MAX_ROWS = 500;
    static final int MAX_COLUMNS = 20;
    private static final Set<String> MACHINE_FIELDS = Set.of("machine_id", "machine_type", "manufacturer", "model");
    private static final Set<String> KNOWN_SHEETS =
            Set.of("machine", "sensors", "failure_modes", "operational_parameters", "instructions");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        // POI's zip-bomb guard is process-wide; tighten it once: no part of a profile workbook comes near
        // 50 MB uncompressed, and a part that expands over 100x its compressed size is refused.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(50L * 1024 * 1024);
    }

    private WorkbookCodec() {}

    static JsonNode read(byte[] bytes, Problems problems) {
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            return toTree(wb, problems);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("");
            boolean bomb = reason.toLowerCase(Locale.ROOT).contains("zip bomb")
                    || reason.contains("inflate ratio")
                    || reason.toLowerCase(Locale.ROOT).contains("max entry size");
            problems.add(
                    Problem.FILE,
                    bomb
                            ? "the workbook expands far beyond its size (a zip bomb) and was refused"
                            : "the workbook is damaged, truncated or not an .xlsx file: " + shorten(reason),
                    bomb
                            ? "upload a plain profile workbook"
                            : "save the workbook again from Excel or LibreOffice as .xlsx");
            return null;
        }
    }

    private static JsonNode toTree(Workbook wb, Problems problems) {
        ObjectNode root = NODES.objectNode();
        for (int i = 0; i < wb.getNumberOfSheets(); i++) {
            String name = wb.getSheetName(i);
            if (!KNOWN_SHEETS.contains(name)) {
                problems.add(
                        "(sheet " + name + ")",
                        "unknown sheet '" + name + "'",
                        "name the sheets "
                                + String.join(
                                        ", ", List.of("machine", "sensors", "failure_modes", "operational_parameters"))
                                + Suggest.closest(name, KNOWN_SHEETS)
                                        .map(c -> "; did you mean '" + c + "'?")
                                        .orElse(""));
            }
        }
        Sheet machine = wb.getSheet("machine");
        if (machine == null) {
            problems.add(
                    Problem.FILE,
                    "the workbook has no 'machine' sheet",
                    "start from the template: fleetsynth template blank --format xlsx --out profile.xlsx");
            return null;
        }
        if (!withinLimits(machine, problems)
                | !withinLimits(wb.getSheet("sensors"), problems)
                | !withinLimits(wb.getSheet("failure_modes"), problems)
                | !withinLimits(wb.getSheet("operational_parameters"), problems)) {
            return null;
        }
        ObjectNode rul = NODES.objectNode();
        for (Row row : machine) {
            String field = text(row.getCell(0));
            if (field == null || field.isBlank() || field.equalsIgnoreCase("field")) {
                continue;
            }
            field = field.trim();
            JsonNode value = value(row.getCell(1), "machine!" + field, problems);
            if (value == null) {
                continue;
            }
            if (ProfileTree.RUL_FIELDS.contains(field)) {
                rul.set(field, value);
            } else if (MACHINE_FIELDS.contains(field)) {
                root.set(field, value);
            } else {
                List<String> known = new ArrayList<>(MACHINE_FIELDS);
                known.addAll(ProfileTree.RUL_FIELDS);
                problems.add(
                        field,
                        "unknown field '" + field + "' in sheet 'machine'",
                        Suggest.closest(field, known)
                                .map(c -> "did you mean '" + c + "'?")
                                .orElse("use one of: " + String.join(", ", known)));
            }
        }
        root.set("sensors", table(wb.getSheet("sensors"), problems));
        ArrayNode modes = table(wb.getSheet("failure_modes"), problems);
        for (JsonNode mode : modes) {
            JsonNode list = mode.get("sensors");
            if (list != null && list.isTextual()) {
                ArrayNode names = NODES.arrayNode();
                for (String s : list.asText().split(",")) {
                    if (!s.isBlank()) {
                        names.add(s.trim());
                    }
                }
                ((ObjectNode) mode).set("sensors", names);
            }
        }
        root.set("failure_modes", modes);
        ObjectNode params = NODES.objectNode();
        for (JsonNode p : table(wb.getSheet("operational_parameters"), problems)) {
            JsonNode name = p.get("name");
            if (name != null && p.get("value") != null) {
                params.set(name.asText(), p.get("value"));
            }
        }
        root.set("operational_parameters", params);
        root.set("rul", rul);
        return root;
    }

    private static boolean withinLimits(Sheet sheet, Problems problems) {
        if (sheet == null) {
            return true;
        }
        if (sheet.getLastRowNum() >= MAX_ROWS) {
            problems.add(
                    "(sheet " + sheet.getSheetName() + ")",
                    "has " + (sheet.getLastRowNum() + 1) + " rows; at most " + MAX_ROWS + " are read",
                    "keep only the profile in the workbook (at most " + ProfileValidator.MAX_SENSORS + " sensors)");
            return false;
        }
        for (Row row : sheet) {
            if (row.getLastCellNum() > MAX_COLUMNS) {
                problems.add(
                        "(sheet " + sheet.getSheetName() + ")",
                        "row " + (row.getRowNum() + 1) + " has " + row.getLastCellNum() + " columns; at most "
                                + MAX_COLUMNS + " are read",
                        "remove the extra columns");
                return false;
            }
        }
        return true;
    }

    /** A header row, then one object per non-blank row, keyed by the header's names. */
    private static ArrayNode table(Sheet sheet, Problems problems) {
        ArrayNode rows = NODES.arrayNode();
        if (sheet == null) {
            return rows;
        }
        List<String> header = null;
        for (Row row : sheet) {
            if (header == null) {
                header = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    String h = text(row.getCell(c));
                    header.add(h == null ? "" : h.trim());
                }
                continue;
            }
            ObjectNode obj = NODES.objectNode();
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).isEmpty()) {
                    continue;
                }
                JsonNode v = value(
                        row.getCell(c), sheet.getSheetName() + "!" + header.get(c) + (row.getRowNum() + 1), problems);
                if (v != null) {
                    obj.set(header.get(c), v);
                }
            }
            if (!obj.isEmpty()) {
                rows.add(obj);
            }
        }
        return rows;
    }

    private static JsonNode value(Cell cell, String where, Problems problems) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                double d = cell.getNumericCellValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? NODES.numberNode((long) d) : NODES.numberNode(d);
            }
            case STRING -> {
                String s = cell.getStringCellValue().trim();
                yield s.isEmpty() ? null : NODES.textNode(s);
            }
            case BOOLEAN -> NODES.booleanNode(cell.getBooleanCellValue());
            case ERROR -> {
                problems.add("(cell " + where + ")", "the cell holds a formula error", "replace it with a value");
                yield null;
            }
            default -> null;
        };
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return type == CellType.STRING ? cell.getStringCellValue() : null;
    }

    private static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    static byte[] write(MachineProfile p) {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);

            Sheet instructions = wb.createSheet("instructions");
            String[] lines = {
                "Fleetsynth machine profile workbook",
                "machine: one field per row (column A) with its value (column B).",
                "  machine_id: 3..64 lowercase letters, digits or _. machine_type: a category (motor, pump, ...) or your own.",
                "  max_rul: typical lifetime in hours. cycles: run-to-failure cycles in the seed data (1..20).",
                "  degradation_pattern: " + String.join(", ", DegradationPattern.wireNames())
                        + ". rul_noise: lifetime spread in hours.",
                "sensors: one row per sensor (1..50). name: letters, digits, _ (e.g. bearing_temp_C); unit: e.g. C, mm/s, A.",
                "  base: healthy reading; range: change from healthy to failed (negative if it falls); noise: std dev >= 0.",
                "  type: numeric. response: " + String.join(", ", ResponseCurve.wireNames())
                        + " (how the sensor follows degradation).",
                "failure_modes (optional): name, sensors (comma-separated names), weight (relative frequency > 0).",
                "operational_parameters (optional): name and value, e.g. rated_power_kW 15.",
                "Check it with: fleetsynth validate this-file.xlsx",
            };
            for (int i = 0; i < lines.length; i++) {
                instructions.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            instructions.setColumnWidth(0, 120 * 256);

            Sheet machine = wb.createSheet("machine");
            header(machine, bold, "field", "value");
            int r = 1;
            r = pair(machine, r, "machine_id", p.machineId());
            r = pair(machine, r, "machine_type", p.machineType());
            r = pair(machine, r, "manufacturer", p.manufacturer());
            r = pair(machine, r, "model", p.model());
            Row maxRul = machine.createRow(r++);
            maxRul.createCell(0).setCellValue("max_rul");
            maxRul.createCell(1).setCellValue(p.rul().maxRul());
            Row cycles = machine.createRow(r++);
            cycles.createCell(0).setCellValue("cycles");
            cycles.createCell(1).setCellValue(p.rul().cycles());
            int patternRow = r;
            r = pair(machine, r, "degradation_pattern", p.rul().pattern().wireName());
            Row noise = machine.createRow(r);
            noise.createCell(0).setCellValue("rul_noise");
            noise.createCell(1).setCellValue(p.rul().rulNoise());
            dropdown(machine, patternRow, patternRow, 1, DegradationPattern.wireNames());
            machine.setColumnWidth(0, 24 * 256);
            machine.setColumnWidth(1, 36 * 256);

            Sheet sensors = wb.createSheet("sensors");
            header(sensors, bold, ProfileTree.SENSOR_FIELDS.toArray(String[]::new));
            for (int i = 0; i < p.sensors().size(); i++) {
                SensorSpec s = p.sensors().get(i);
                Row row = sensors.createRow(i + 1);
                row.createCell(0).setCellValue(s.name());
                row.createCell(1).setCellValue(s.unit());
                row.createCell(2).setCellValue(s.type());
                row.createCell(3).setCellValue(s.base());
                row.createCell(4).setCellValue(s.range());
                row.createCell(5).setCellValue(s.noise());
                row.createCell(6).setCellValue(s.response().wireName());
                if (s.description() != null && !s.description().isEmpty()) {
                    row.createCell(7).setCellValue(s.description());
                }
            }
            dropdown(sensors, 1, ProfileValidator.MAX_SENSORS, 6, ResponseCurve.wireNames());
            for (int c = 0; c < ProfileTree.SENSOR_FIELDS.size(); c++) {
                sensors.setColumnWidth(c, (c == 0 || c == 7 ? 28 : 12) * 256);
            }

            Sheet modes = wb.createSheet("failure_modes");
            header(modes, bold, ProfileTree.FAILURE_MODE_FIELDS.toArray(String[]::new));
            for (int i = 0; i < p.failureModes().size(); i++) {
                FailureMode m = p.failureModes().get(i);
                Row row = modes.createRow(i + 1);
                row.createCell(0).setCellValue(m.name());
                row.createCell(1).setCellValue(String.join(", ", m.sensors()));
                row.createCell(2).setCellValue(m.weight());
                if (m.description() != null && !m.description().isEmpty()) {
                    row.createCell(3).setCellValue(m.description());
                }
            }
            modes.setColumnWidth(0, 28 * 256);
            modes.setColumnWidth(1, 60 * 256);

            Sheet params = wb.createSheet("operational_parameters");
            header(params, bold, "name", "value");
            int pr = 1;
            for (Map.Entry<String, Object> e : p.operationalParameters().entrySet()) {
                Row row = params.createRow(pr++);
                row.createCell(0).setCellValue(e.getKey());
                Object v = e.getValue();
                if (v instanceof Number n) {
                    row.createCell(1).setCellValue(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    row.createCell(1).setCellValue(b);
                } else {
                    row.createCell(1).setCellValue(String.valueOf(v));
                }
            }
            params.setColumnWidth(0, 28 * 256);
            params.setColumnWidth(1, 20 * 256);

            wb.setActiveSheet(1);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(Sheet sheet, CellStyle style, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            Cell c = row.createCell(i);
            c.setCellValue(names[i]);
            c.setCellStyle(style);
        }
        sheet.createFreezePane(0, 1);
    }

    private static int pair(Sheet sheet, int row, String field, String value) {
        Row r = sheet.createRow(row);
        r.createCell(0).setCellValue(field);
        r.createCell(1).setCellValue(value == null ? "" : value);
        return row + 1;
    }

    private static void dropdown(Sheet sheet, int firstRow, int lastRow, int column, List<String> values) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        var validation = helper.createValidation(
                helper.createExplicitListConstraint(values.toArray(String[]::new)),
                new CellRangeAddressList(firstRow, lastRow, column, column));
        validation.setShowErrorBox(true);
        sheet.addValidationData(validation);
    }
}
