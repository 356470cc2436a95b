package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.io.Duck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a user's file into the DuckDB table {@code raw}: one typed column per column of the file, in
 * file order, plus {@code __row}, the 1-based data row, for messages. DuckDB reads and types every
 * format (its CSV sniffer finds the delimiter, the header and the types; JSON and Parquet are built
 * in); workbooks are streamed through POI first, and text separated by runs of spaces is split into
 * columns by DuckDB before its types are sniffed.
 */
final class Loader {
    static final String ROW = "__row";
    /** Written as missing wherever they appear in text. */
    static final List<String> MISSING_MARKERS =
            List.of("", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "#N/A", "-");

    private static final Pattern CSV_LINE = Pattern.compile("Line: (\\d+)");
    private static final Pattern CSV_COLUMN =
            Pattern.compile("converting column \"([^\"]*)\"\\. Could not convert string \"([^\"]*)\" to '([A-Z]+)'");
    private static final int FIRST_LINE_LIMIT = 1024 * 1024;

    private Loader() {}

    /** What was loaded. */
    record Loaded(
            Path file,
            FileFormat format,
            List<String> columns,
            Map<String, String> types,
            long rows,
            boolean header,
            String sheet) {}

    static Loaded load(Connection db, Path file, IngestOptions o, Path work)
            throws IngestException, IOException, SQLException {
        long size = Files.size(file);
        if (size > o.maxBytes()) {
            throw IngestException.of(
                    "file",
                    null,
                    String.format(
                            Locale.ROOT,
                            "the file is %,d bytes, over the limit of %,d bytes (%.0f MiB)",
                            size,
                            o.maxBytes(),
                            o.maxBytes() / 1048576.0),
                    "split it by unit or time and bring the parts in one by one, or keep fewer columns");
        }
        FileFormat format = FileFormat.detect(file);
        String sheet = null;
        boolean header;
        String reader;
        switch (format) {
            case PARQUET -> {
                reader = "read_parquet(" + Duck.literal(file.toString()) + ")";
                header = true;
            }
            case JSON -> {
                reader =
                        "read_json(" + Duck.literal(file.toString()) + ", format='auto', maximum_object_size=16777216)";
                header = true;
            }
            case XLSX -> {
                Workbooks.Sheet s =
                        Workbooks.toCsv(file, o.sheet(), work.resolve("sheet.csv"), IngestOptions.MAX_COLUMNS);
                sheet = s.name();
                header = o.columns() == null;
                reader = csv(work.resolve("sheet.csv"), o.columns(), header ? "true" : "false");
            }
            case WHITESPACE -> {
                Path normalised = work.resolve("columns.tsv");
                splitWhitespace(db, file, normalised);
                header = o.columns() == null && firstLineHasText(normalised);
                reader = csv(normalised, o.columns(), header ? "true" : "false");
            }
            default -> {
                checkFirstLine(file);
                reader = csv(file, o.columns(), o.columns() == null ? null : "false");
                header = o.columns() == null;
            }
        }
        try (Statement st = db.createStatement()) {
            // The reader's columns and types first (DuckDB sniffs a sample), then one pass that reads
            // the file into the table with row numbers: row_number() over () keeps the file's order.
            Map<String, String> types = describe(st, "SELECT * FROM " + reader);
            if (types.containsKey(ROW)) {
                throw IngestException.of(ROW, null, "this column name is reserved", "rename the column");
            }
            if (types.size() > IngestOptions.MAX_COLUMNS) {
                throw IngestException.of(
                        "file",
                        null,
                        types.size() + " columns; at most " + IngestOptions.MAX_COLUMNS + " are read",
                        "keep the columns that describe the machine");
            }
            if (o.columns() != null && o.columns().size() != types.size()) {
                throw IngestException.of(
                        "--columns",
                        null,
                        o.columns().size() + " names given for " + types.size() + " columns",
                        "give exactly " + types.size() + " names, in file order");
            }
            for (Map.Entry<String, String> t : types.entrySet()) {
                String type = t.getValue();
                if (type.startsWith("STRUCT")
                        || type.endsWith("[]")
                        || type.startsWith("MAP")
                        || type.startsWith("UNION")
                        || type.equals("JSON")) {
                    throw IngestException.of(
                            t.getKey(),
                            null,
                            "holds nested values (" + type.toLowerCase(Locale.ROOT) + ")",
                            "flatten it into one column per value");
                }
            }
            boolean headerless = format == FileFormat.DELIMITED
                    && o.columns() == null
                    && types.keySet().stream().allMatch(n -> n.matches("column\\d+"));
            if (headerless) {
                header = false;
            }
            StringBuilder select = new StringBuilder("CREATE TABLE raw AS SELECT row_number() OVER () AS " + ROW);
            int i = 0;
            for (String name : types.keySet()) {
                i++;
                String target = headerless || (format == FileFormat.WHITESPACE && !header && o.columns() == null)
                        ? "col" + i
                        : name;
                select.append(", ").append(Duck.ident(name)).append(" AS ").append(Duck.ident(target));
            }
            st.execute(select.append(" FROM ").append(reader).toString());
            if (format == FileFormat.DELIMITED) {
                checkQuotes(st, file, describe(st, "raw"));
            }
            Map<String, String> finalTypes = describe(st, "raw");
            finalTypes.remove(ROW);
            long rows;
            try (ResultSet r = st.executeQuery("SELECT count(*) FROM raw")) {
                r.next();
                rows = r.getLong(1);
            }
            if (rows == 0) {
                throw IngestException.of(
                        "file", null, "the file holds no data rows", "give at least one row below the header");
            }
            return new Loaded(file, format, new ArrayList<>(finalTypes.keySet()), finalTypes, rows, header, sheet);
        } catch (SQLException e) {
            if (Duck.outOfMemory(e)) {
                throw e;
            }
            throw translate(e, header);
        }
    }

    /** The columns and types of a table, or of a query ({@code SELECT ...}). */
    static Map<String, String> describe(Statement st, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet r = st.executeQuery("DESCRIBE " + table)) {
            while (r.next()) {
                types.put(r.getString(1), r.getString(2));
            }
        }
        return types;
    }

    private static String csv(Path file, List<String> names, String header) {
        StringBuilder b = new StringBuilder("read_csv(").append(Duck.literal(file.toString()));
        b.append(", nullstr=[")
                .append(String.join(
                        ",", MISSING_MARKERS.stream().map(Duck::literal).toList()))
                .append("]");
        if (header != null) {
            b.append(", header=").append(header);
        }
        if (names != null) {
            b.append(", names=[")
                    .append(String.join(",", names.stream().map(Duck::literal).toList()))
                    .append("]");
        }
        return b.append(", sample_size=20480)").toString();
    }

    /** Refuses a first line so long that it cannot be a header of a sane number of columns. */
    private static void checkFirstLine(Path file) throws IOException, IngestException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(FIRST_LINE_LIMIT);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        if (end < 0 && head.length == FIRST_LINE_LIMIT) {
            throw IngestException.of(
                    "file",
                    0L,
                    "the first line is longer than 1 MB",
                    "give one row per line, with at most " + IngestOptions.MAX_COLUMNS + " columns");
        }
        String first = end < 0 ? text : text.substring(0, end);
        int most = 0;
        for (char d : new char[] {',', ';', '\t', '|'}) {
            most = Math.max(most, (int) first.chars().filter(c -> c == d).count());
        }
        if (most + 1 > IngestOptions.MAX_COLUMNS) {
            throw IngestException.of(
                    "file",
                    0L,
                    (most + 1) + " columns in the first line; at most " + IngestOptions.MAX_COLUMNS + " are read",
                    "keep the columns that describe the machine");
        }
    }

    /**
     * Splits each line at runs of whitespace with DuckDB and writes the values tab-separated, so the
     * CSV sniffer can type them; lines with another number of values are refused, naming the first.
     */
    private static void splitWhitespace(Connection db, Path file, Path out)
            throws SQLException, IngestException, IOException {
        checkFirstLine(file);
        try (Statement st = db.createStatement()) {
            st.execute(
                    "CREATE TEMP TABLE lines0 AS SELECT line FROM read_csv(" + Duck.literal(file.toString())
                            + ", columns={'line': 'VARCHAR'}, header=false, delim='\\t', quote='', escape='', strict_mode=false)");
            st.execute(
                    "CREATE TEMP TABLE lines AS SELECT rowid + 1 AS n, string_split_regex(trim(line), '\\s+') AS v FROM lines0 "
                            + "WHERE trim(line) <> ''");
            st.execute("DROP TABLE lines0");
            int width;
            try (ResultSet r = st.executeQuery("SELECT len(v) FROM lines ORDER BY n LIMIT 1")) {
                if (!r.next()) {
                    throw IngestException.of("file", null, "the file holds no data rows", "give at least one row");
                }
                width = r.getInt(1);
            }
            if (width > IngestOptions.MAX_COLUMNS) {
                throw IngestException.of(
                        "file",
                        1L,
                        width + " values on a line; at most " + IngestOptions.MAX_COLUMNS + " columns are read",
                        "keep the columns that describe the machine");
            }
            try (ResultSet r =
                    st.executeQuery("SELECT n, len(v) FROM lines WHERE len(v) <> " + width + " ORDER BY n LIMIT 1")) {
                if (r.next()) {
                    throw IngestException.of(
                            "file",
                            r.getLong(1),
                            r.getInt(2) + " values where the first line has " + width,
                            "give every line the same number of values, or mark a missing one with NA");
                }
            }
            StringBuilder select = new StringBuilder("COPY (SELECT ");
            for (int i = 1; i <= width; i++) {
                select.append(i == 1 ? "" : ", ")
                        .append("v[")
                        .append(i)
                        .append("] AS c")
                        .append(i);
            }
            st.execute(select.append(" FROM lines ORDER BY n) TO ")
                    .append(Duck.literal(out.toString()))
                    .append(" (FORMAT csv, DELIMITER '\\t', HEADER false, QUOTE '')")
                    .toString());
            st.execute("DROP TABLE lines");
        }
    }

    /**
     * DuckDB's sniffer, meeting a quote that is never closed, reads the whole file as if it had no
     * quotes: the broken row goes in and every quoted value keeps its quote marks. So when the file
     * was read without quotes, a value that opens a quote it does not close is refused, by its row.
     */
    private static void checkQuotes(Statement st, Path file, Map<String, String> types)
            throws SQLException, IngestException {
        try (ResultSet r = st.executeQuery(
                "SELECT Quote FROM sniff_csv(" + Duck.literal(file.toString()) + ", sample_size=20480)")) {
            if (r.next() && "\"".equals(r.getString(1))) {
                return;
            }
        }
        List<String> opened = new ArrayList<>();
        for (Map.Entry<String, String> t : types.entrySet()) {
            if (t.getValue().equals("VARCHAR")) {
                String c = Duck.ident(t.getKey());
                opened.add("min(" + ROW + ") FILTER (WHERE starts_with(" + c + ", '\"') AND (length(" + c
                        + ") = 1 OR NOT ends_with(" + c + ", '\"')))");
            }
        }
        if (opened.isEmpty()) {
            return;
        }
        try (ResultSet r = st.executeQuery("SELECT least(" + String.join(", ", opened) + ") FROM raw")) {
            r.next();
            long row = r.getLong(1);
            if (!r.wasNull()) {
                throw IngestException.of("file", row, "a quoted value is not closed", "close the quote or remove it");
            }
        }
    }

    /** Whether the first line of a normalised file holds a value that is not a number: then it is a header. */
    private static boolean firstLineHasText(Path tsv) throws IOException {
        try (var lines = Files.lines(tsv, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            for (String v : first.split("\t")) {
                if (!v.isEmpty()
                        && !MISSING_MARKERS.contains(v)
                        && !v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** DuckDB's reading errors as problems that name the column, the row and the fix. */
    static IngestException translate(SQLException e, boolean header) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        Matcher line = CSV_LINE.matcher(m);
        Long row = null;
        if (line.find()) {
            row = Long.parseLong(line.group(1)) - (header ? 1 : 0);
        }
        Matcher column = CSV_COLUMN.matcher(m);
        if (column.find()) {
            return IngestException.of(
                    column.group(1),
                    row,
                    "holds \"" + column.group(2) + "\" among " + typeWord(column.group(3)),
                    "correct the value, or leave it empty (empty, NA and NaN read as missing)");
        }
        if (m.contains("unterminated quote") || m.contains("quote")) {
            return IngestException.of("file", row, "a quoted value is not closed", "close the quote or remove it");
        }
        if (m.contains("Expected Number of Columns") || m.contains("columns but found")) {
            return IngestException.of(
                    "file",
                    row,
                    "this line has another number of values than the header",
                    "give every line as many values as the header names, or quote values that hold the delimiter");
        }
        if (m.contains("Malformed JSON") || m.contains("JSON")) {
            return IngestException.of(
                    "file",
                    row,
                    "the JSON is malformed: " + Duck.reason(e),
                    "give an array of records, or one record per line");
        }
        if (m.contains("Invalid unicode") || m.contains("UTF-8")) {
            return IngestException.of("file", row, "the text is not UTF-8", "save the file as UTF-8");
        }
        return IngestException.of(
                "file",
                row,
                "the file cannot be read: " + Duck.reason(e),
                "give CSV, text, JSON, JSON Lines, .xlsx or Parquet");
    }

    private static String typeWord(String duckType) {
        return switch (duckType) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "HUGEINT" -> "whole numbers";
            case "DOUBLE", "FLOAT", "DECIMAL" -> "numbers";
            case "TIMESTAMP", "DATE", "TIME" -> "dates and times";
            case "BOOLEAN" -> "true/false values";
            default -> duckType.toLowerCase(Locale.ROOT) + " values";
        };
    }
}
