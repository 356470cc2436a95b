package dev.fleetsynth.engine.table;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads CSV files into a {@link ColumnTable}, so that data sets handed over as CSV (public
 * predictive-maintenance sets, exports from a plant historian) can be scored like Fleetsynth's
 * own tables. CSV has no types, so they are inferred: a column is numeric when every non-empty
 * value is a decimal number, otherwise categorical, which is what a product code or a type letter
 * needs.
 */
public final class CsvTables {
    /**
     * Plain decimal numbers only. {@link Double#parseDouble} alone would also take "1d", "0x1p3"
     * or "Infinity", and so turn a code column into a numeric one.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvTables() {}

    /**
     * A header row of column names, then one row per record, comma-separated, UTF-8, quoting as in
     * RFC 4180. Empty values are missing: {@code NaN} in a numeric column, {@code null} in a
     * categorical one. Surrounding spaces are trimmed. A row with fewer values than the header is
     * padded with missing values; one with more is an error.
     */
    public static ColumnTable read(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
            while (it.hasNextValue()) {
                String[] row = it.nextValue();
                if (header == null) {
                    header = List.of(row);
                    continue;
                }
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (row.length > header.size()) {
                    throw new IOException(file + " line " + (rows.size() + 2) + ": " + row.length + " values for "
                            + header.size() + " columns");
                }
                rows.add(row);
            }
        }
        if (header == null) {
            throw new IOException(file + " is empty: no header row");
        }

        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            boolean numeric = true;
            for (String[] row : rows) {
                String v = value(row, c);
                if (v != null && !NUMBER.matcher(v).matches()) {
                    numeric = false;
                    break;
                }
            }
            if (numeric) {
                double[] values = new double[rows.size()];
                for (int r = 0; r < values.length; r++) {
                    String v = value(rows.get(r), c);
                    values[r] = v == null ? Double.NaN : Double.parseDouble(v);
                }
                columns.add(new Column.Numeric(name, values));
            } else {
                String[] values = new String[rows.size()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = value(rows.get(r), c);
                }
                columns.add(new Column.Categorical(name, values));
            }
        }
        return new ColumnTable(columns);
    }

    private static String value(String[] row, int column) {
        if (column >= row.length) {
            return null;
        }
        String v = row[column];
        return v == null || v.isEmpty() ? null : v;
    }
}
