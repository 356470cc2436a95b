package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.source.ColumnKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Profiles every column of a loaded table in three scans, each one DuckDB query over all columns:
 * counts, distinct values, range, moments and median; then the most frequent value's share and the
 * median absolute deviation; then the outliers by robust z-score. Approximate aggregates (HyperLogLog,
 * t-digest) keep memory flat however many rows there are.
 */
final class Profiler {
    /** The robust z-score above which a value is flagged as an outlier (Iglewicz and Hoaglin's 3.5). */
    static final double OUTLIER_Z = 3.5;
    /** More flagged values than this share of a column and none are reported (see the second scan). */
    static final double MAX_OUTLIER_SHARE = 0.01;
    /** Text with more distinct values than this is an identifier, not categories to learn. */
    static final int MAX_CATEGORIES = 200;
    /** A column whose most frequent value covers this share of the rows carries next to nothing to learn. */
    static final double NEAR_CONSTANT_SHARE = 0.999;
    /** Rows the median, MAD and most frequent value are estimated from (a seeded sample beyond this). */
    static final long SAMPLE_ROWS = 200_000;

    private Profiler() {}

    /**
     * Text columns whose every value reads as a timestamp, or as a number (JSON written with quoted
     * numbers, a workbook column stored as text), are given that type in {@code table}.
     *
     * @return the table's types afterwards
     */
    static Map<String, String> retype(Connection db, String table, Map<String, String> types) throws SQLException {
        Map<String, String> result = new java.util.LinkedHashMap<>(types);
        try (Statement st = db.createStatement()) {
            for (Map.Entry<String, String> t : types.entrySet()) {
                if (!t.getValue().equals("VARCHAR")) {
                    continue;
                }
                String c = Duck.ident(t.getKey());
                try (ResultSet r = st.executeQuery("SELECT count(" + c + "), count(TRY_CAST(" + c
                        + " AS DOUBLE)), count(TRY_CAST(" + c + " AS TIMESTAMP)) FROM " + table)) {
                    r.next();
                    long count = r.getLong(1);
                    if (count == 0) {
                        continue;
                    }
                    String to = r.getLong(2) == count ? "DOUBLE" : r.getLong(3) == count ? "TIMESTAMP" : null;
                    if (to != null) {
                        st.execute("ALTER TABLE " + table + " ALTER " + c + " TYPE " + to + " USING TRY_CAST(" + c
                                + " AS " + to + ")");
                        result.put(t.getKey(), to);
                    }
                }
            }
        }
        return result;
    }

    static List<ColumnProfile> profile(Connection db, String table, Map<String, String> types)
            throws SQLException, IngestException {
        List<String> names = new ArrayList<>(types.keySet());
        List<ColumnProfile> out = new ArrayList<>();
        if (names.isEmpty()) {
            return out;
        }
        long rows;
        // Exact counts, ranges and moments over every row; the median and the most frequent value,
        // whose sketches cost most, over a sample (they only decide kinds and scale the outlier score).
        List<String> first = new ArrayList<>();
        List<String> sampled = new ArrayList<>();
        for (String n : names) {
            String c = Duck.ident(n);
            switch (family(types.get(n))) {
                case NUMBER -> {
                    first.add("count(" + c + "), approx_count_distinct(" + c + "), min(" + c + ")::DOUBLE, max(" + c
                            + ")::DOUBLE, avg(" + c + "::DOUBLE), stddev_samp(" + c + "::DOUBLE), NULL, bool_and(" + c
                            + "::DOUBLE = round(" + c
                            + "::DOUBLE)), NULL, 0");
                    sampled.add("approx_quantile(" + c + "::DOUBLE, 0.5), approx_top_k(" + c + ", 1)[1]::VARCHAR");
                }
                case TIME -> {
                    first.add("count(" + c + "), approx_count_distinct(" + c + "), epoch(min(" + c
                            + ")::TIMESTAMP), epoch(max(" + c + ")::TIMESTAMP), NULL, NULL, NULL, NULL, NULL, 0");
                    sampled.add("NULL, NULL");
                }
                default -> {
                    first.add("count(" + c + "), approx_count_distinct(" + c + "), count(TRY_CAST(" + c
                            + " AS TIMESTAMP)), count(TRY_CAST("
                            + c + " AS DOUBLE)), NULL, NULL, NULL, NULL, NULL, min(" + Loader.ROW
                            + ") FILTER (WHERE " + c + " IS NOT NULL AND TRY_CAST(" + c + " AS DOUBLE) IS NULL)");
                    sampled.add("NULL, approx_top_k(" + c + ", 1)[1]::VARCHAR");
                }
            }
        }
        try (Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            rows = r.getLong(1);
        }
        String sample = sample(db, table, rows);
        Double[] medians = new Double[names.size()];
        String[] tops = new String[names.size()];
        try (Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT " + String.join(", ", sampled) + " FROM " + sample)) {
            r.next();
            for (int j = 0; j < names.size(); j++) {
                medians[j] = dbl(r, 2 * j + 1);
                tops[j] = r.getString(2 * j + 2);
            }
        }
        try (Statement st = db.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT " + String.join(", ", first) + " FROM " + table)) {
                r.next();
                for (int j = 0; j < names.size(); j++) {
                    int b = j * 10;
                    String name = names.get(j);
                    String type = types.get(name);
                    long count = r.getLong(b + 1);
                    long distinct = Math.min(r.getLong(b + 2), count);
                    Family family = family(type);
                    ColumnKind kind;
                    Double min = dbl(r, b + 3);
                    Double max = dbl(r, b + 4);
                    Double mean = dbl(r, b + 5);
                    Double std = dbl(r, b + 6);
                    Double median = medians[j];
                    String top = tops[j];
                    if (family == Family.NUMBER) {
                        boolean integral = r.getBoolean(b + 8) && !r.wasNull();
                        kind = numericKind(integral, min, max, distinct, count);
                    } else if (family == Family.TIME) {
                        kind = ColumnKind.TIMESTAMP;
                    } else if (type.equals("BOOLEAN")) {
                        kind = ColumnKind.FLAG;
                        min = null;
                        max = null;
                    } else {
                        long asTime = min == null ? 0 : min.longValue();
                        long asNumber = max == null ? 0 : max.longValue();
                        min = null;
                        max = null;
                        if (count > 0 && asTime == count) {
                            kind = ColumnKind.TIMESTAMP;
                        } else if (count > 0 && asNumber > 0 && asNumber >= count / 2 && asNumber < count) {
                            long row = r.getLong(b + 10);
                            throw IngestException.of(
                                    name,
                                    row,
                                    "a value that is not a number among numbers",
                                    "correct the value, or leave it empty (empty, NA and NaN read as missing)");
                        } else if (distinct > MAX_CATEGORIES || (count >= 20 && distinct >= 0.95 * count)) {
                            kind = ColumnKind.IDENTIFIER;
                        } else {
                            kind = ColumnKind.CATEGORY;
                        }
                    }
                    out.add(new ColumnProfile(
                            name,
                            type,
                            kind,
                            count,
                            rows - count,
                            distinct,
                            null,
                            top,
                            min,
                            max,
                            mean,
                            std,
                            median,
                            null,
                            null,
                            null,
                            UnitNames.guess(name).orElse(null)));
                }
            }
            secondScan(st, table, sample, out);
        }
        return out;
    }

    private static ColumnKind numericKind(boolean integral, Double min, Double max, long distinct, long count) {
        if (count == 0) {
            return ColumnKind.NUMBER;
        }
        if (integral && min != null && min >= 0 && max <= 1) {
            return ColumnKind.FLAG;
        }
        if (integral && count >= 20 && distinct >= 0.98 * count) {
            return ColumnKind.IDENTIFIER;
        }
        return integral ? ColumnKind.INTEGER : ColumnKind.NUMBER;
    }

    /** The most frequent value's share and the MAD, then the outliers by robust z-score. */
    private static void secondScan(Statement st, String table, String sample, List<ColumnProfile> out)
            throws SQLException {
        List<String> shares = new ArrayList<>();
        List<String> madParts = new ArrayList<>();
        for (ColumnProfile p : out) {
            String c = Duck.ident(p.name());
            shares.add(
                    p.topValue() == null || p.count() == 0
                            ? "NULL"
                            : "count(*) FILTER (WHERE " + c + "::VARCHAR = " + Duck.literal(p.topValue())
                                    + ")::DOUBLE / " + p.count());
            madParts.add(
                    p.median() == null ? "NULL" : "approx_quantile(abs(" + c + "::DOUBLE - " + p.median() + "), 0.5)");
        }
        double[] mads = new double[out.size()];
        try (ResultSet r = st.executeQuery("SELECT " + String.join(", ", madParts) + " FROM " + sample)) {
            r.next();
            for (int j = 0; j < out.size(); j++) {
                ColumnProfile p = out.get(j);
                Double mad = dbl(r, j + 1);
                mads[j] = mad == null ? 0 : mad;
                out.set(
                        j,
                        new ColumnProfile(
                                p.name(),
                                p.type(),
                                p.kind(),
                                p.count(),
                                p.missing(),
                                p.distinct(),
                                null,
                                p.topValue(),
                                p.min(),
                                p.max(),
                                p.mean(),
                                p.std(),
                                p.median(),
                                mad,
                                null,
                                null,
                                p.unit()));
            }
        }
        List<String> parts = new ArrayList<>(shares);
        List<Integer> scored = new ArrayList<>();
        for (int j = 0; j < out.size(); j++) {
            ColumnProfile p = out.get(j);
            if (p.median() != null && mads[j] > 0 && p.kind().numeric()) {
                String c = Duck.ident(p.name());
                String z = "0.6745 * abs(" + c + "::DOUBLE - " + p.median() + ") / " + mads[j] + " > " + OUTLIER_Z;
                parts.add("count(*) FILTER (WHERE " + z + "), min(" + Loader.ROW + ") FILTER (WHERE " + z + ")");
                scored.add(j);
            }
        }
        try (ResultSet r = st.executeQuery("SELECT " + String.join(", ", parts) + " FROM " + table)) {
            r.next();
            for (int j = 0; j < out.size(); j++) {
                ColumnProfile p = out.get(j);
                out.set(
                        j,
                        new ColumnProfile(
                                p.name(),
                                p.type(),
                                p.kind(),
                                p.count(),
                                p.missing(),
                                p.distinct(),
                                dbl(r, j + 1),
                                p.topValue(),
                                p.min(),
                                p.max(),
                                p.mean(),
                                p.std(),
                                p.median(),
                                p.mad(),
                                null,
                                null,
                                p.unit()));
            }
            for (int k = 0; k < scored.size(); k++) {
                int j = scored.get(k);
                int at = out.size() + 2 * k;
                long n = r.getLong(at + 1);
                long row = r.getLong(at + 2);
                // Readings that come in a few levels (0.01 steps of a gauge) have a MAD of one level,
                // and every value two levels away would count: a score that flags more than
                // MAX_OUTLIER_SHARE of a column says more about its resolution than about outliers.
                if (n <= MAX_OUTLIER_SHARE * out.get(j).count()) {
                    out.set(j, out.get(j).withOutliers(n, n == 0 ? null : row));
                }
            }
        }
    }

    /** Rows the sketches run on: the table itself up to {@link #SAMPLE_ROWS}, else a seeded reservoir sample of it. */
    private static String sample(Connection db, String table, long rows) throws SQLException {
        try (Statement st = db.createStatement()) {
            if (rows <= SAMPLE_ROWS) {
                return table;
            }
            st.execute("CREATE OR REPLACE TEMP TABLE profile_sample AS SELECT * FROM " + table
                    + " USING SAMPLE reservoir(" + SAMPLE_ROWS + " ROWS) REPEATABLE (7)");
            return "profile_sample";
        }
    }

    private static Double dbl(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() || Double.isNaN(v) ? null : v;
    }

    enum Family {
        NUMBER,
        TIME,
        TEXT
    }

    static Family family(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.startsWith("TIMESTAMP") || t.equals("DATE")) {
            return Family.TIME;
        }
        if (t.equals("VARCHAR")
                || t.equals("BOOLEAN")
                || t.equals("UUID")
                || t.equals("BLOB")
                || t.startsWith("TIME")
                || t.equals("INTERVAL")) {
            return Family.TEXT;
        }
        return Family.NUMBER;
    }
}
