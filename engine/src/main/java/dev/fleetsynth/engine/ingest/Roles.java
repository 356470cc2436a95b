package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.profile.Suggest;
import dev.fleetsynth.engine.source.ColumnKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the columns that give run-to-failure data its structure: the unit (asset) id, the order
 * (timestamp or counter), a RUL column and a failure flag or event. Names decide where they say
 * something ({@code engine_id}, {@code time_cycles}, {@code Machine failure}); otherwise the values
 * do: a unit id comes in contiguous blocks of rows, an order grows within each unit. A column the
 * user named always wins.
 */
final class Roles {
    private static final Set<String> UNIT_WORDS = Set.of(
            "unit",
            "engine",
            "asset",
            "machine",
            "id",
            "serial",
            "equipment",
            "device",
            "turbine",
            "pump",
            "motor",
            "run",
            "vehicle",
            "station",
            "tool",
            "bearing",
            "units",
            "unitnumber",
            "unitid",
            "machineid",
            "engineid");
    private static final Set<String> ORDER_WORDS = Set.of(
            "cycle",
            "cycles",
            "time",
            "timestamp",
            "date",
            "datetime",
            "t",
            "step",
            "index",
            "counter",
            "hour",
            "hours",
            "day",
            "days",
            "seq",
            "sequence",
            "timestep",
            "age",
            "flight",
            "flights",
            "runtime",
            "operating");
    private static final Pattern RUL_NAME = Pattern.compile(
            "(?i)^(rul|remaining[ _-]?useful[ _-]?life|remaining[ _-]?life|ttf|time[ _-]?to[ _-]?failure)([ _-].*)?$");
    private static final Set<String> FAILURE_WORDS = Set.of(
            "failure",
            "failed",
            "fail",
            "fault",
            "broken",
            "breakdown",
            "alarm",
            "trip",
            "failures",
            "faults",
            "status",
            "event");
    /**
     * Rows from the top of the file that unit and order detection look at: blocks of a unit and a
     * growing counter show in the first half million rows as well as in all of them, at a fraction
     * of the sorting.
     */
    static final long PREFIX_ROWS = 500_000;

    static final Pattern FAILURE_LABEL = Pattern.compile("(?i).*(broken|fail|fault|down|trip|alarm).*");

    private Roles() {}

    /** A column the user named, or a problem that lists the columns there are. */
    static String named(String option, String column, List<String> columns) throws IngestException {
        if (column == null || columns.contains(column)) {
            return column;
        }
        String hint = Suggest.closest(column, columns)
                .map(c -> "did you mean '" + c + "'? ")
                .orElse("");
        throw IngestException.of(option, null, "no column named '" + column + "'", hint + "use one of " + columns);
    }

    static Optional<String> rul(List<ColumnProfile> profiles) {
        return profiles.stream()
                .filter(p ->
                        p.kind().numeric() && RUL_NAME.matcher(p.name().strip()).matches())
                .map(ColumnProfile::name)
                .findFirst();
    }

    /** A flag or a category whose name speaks of failure; the flag with the plainest name first. */
    static Optional<String> failure(List<ColumnProfile> profiles) {
        return profiles.stream()
                .filter(p -> (p.kind() == ColumnKind.FLAG || p.kind() == ColumnKind.CATEGORY)
                        && hasWord(p.name(), FAILURE_WORDS))
                .min((a, b) -> Integer.compare(rank(a), rank(b)))
                .map(ColumnProfile::name);
    }

    private static int rank(ColumnProfile p) {
        return (p.kind() == ColumnKind.FLAG ? 0 : 2)
                + (NameMatcher.words(p.name()).size() <= 2 ? 0 : 1);
    }

    /**
     * The unit: among integer and text columns with between 2 and rows/3 values, those whose values
     * come in contiguous blocks; a name that says unit, engine, asset... wins, else the leftmost.
     */
    static Optional<String> unit(Connection db, List<ColumnProfile> profiles, long rows) throws SQLException {
        List<ColumnProfile> candidates = profiles.stream()
                .filter(p -> (p.kind() == ColumnKind.INTEGER || p.kind() == ColumnKind.CATEGORY)
                        && p.distinct() >= 2
                        && p.distinct() <= rows / 3
                        && p.missing() == 0)
                .toList();
        long[] runs = runs(db, candidates.stream().map(ColumnProfile::name).toList());
        String best = null;
        int bestScore = 0;
        for (int k = 0; k < candidates.size(); k++) {
            ColumnProfile p = candidates.get(k);
            boolean named = hasWord(p.name(), UNIT_WORDS);
            boolean blocks = runs[k] <= 1.2 * p.distinct() + 1;
            int score = (named ? 2 : 0) + (blocks ? 3 : 0);
            if (score >= 3 && score > bestScore) {
                best = p.name();
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many blocks of equal values each column has in file order: one scan for all of them. */
    private static long[] runs(Connection db, List<String> columns) throws SQLException {
        if (columns.isEmpty()) {
            return new long[0];
        }
        List<String> lags = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            String c = Duck.ident(columns.get(k));
            lags.add(c + " AS v" + k + ", lag(" + c + ") OVER w AS p" + k);
            counts.add("count(*) FILTER (WHERE v" + k + " IS DISTINCT FROM p" + k + ")");
        }
        try (Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT " + String.join(", ", counts) + " FROM (SELECT "
                        + String.join(", ", lags) + " FROM raw WHERE " + Loader.ROW + " <= " + PREFIX_ROWS
                        + " WINDOW w AS (ORDER BY " + Loader.ROW + "))")) {
            r.next();
            long[] out = new long[columns.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = r.getLong(k + 1);
            }
            return out;
        }
    }

    /**
     * The order: a timestamp column (one whose name says time first), else a number that grows from
     * row to row within each unit (99 % of steps), a counter's name first, else the leftmost.
     */
    static Optional<String> order(Connection db, List<ColumnProfile> profiles, String unit) throws SQLException {
        Optional<String> time = profiles.stream()
                .filter(p -> p.kind() == ColumnKind.TIMESTAMP && p.missing() == 0)
                .sorted((a, b) -> Boolean.compare(hasWord(b.name(), ORDER_WORDS), hasWord(a.name(), ORDER_WORDS)))
                .map(ColumnProfile::name)
                .findFirst();
        if (time.isPresent()) {
            return time;
        }
        List<ColumnProfile> candidates = profiles.stream()
                .filter(p -> !p.name().equals(unit)
                        && p.missing() == 0
                        && (p.kind().numeric() || p.kind() == ColumnKind.IDENTIFIER)
                        && !p.type().equals("VARCHAR")
                        && p.distinct() >= 2)
                .toList();
        double[] growing =
                growingShares(db, candidates.stream().map(ColumnProfile::name).toList(), unit);
        String best = null;
        boolean bestNamed = false;
        for (int k = 0; k < candidates.size(); k++) {
            ColumnProfile p = candidates.get(k);
            if (growing[k] >= 0.99) {
                boolean named = hasWord(p.name(), ORDER_WORDS);
                if (best == null || (named && !bestNamed)) {
                    best = p.name();
                    bestNamed = named;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Per column, the share of steps within a unit (in file order) where it grows: one scan for all of them. */
    private static double[] growingShares(Connection db, List<String> columns, String unit) throws SQLException {
        if (columns.isEmpty()) {
            return new double[0];
        }
        List<String> diffs = new ArrayList<>();
        List<String> shares = new ArrayList<>();
        for (int k = 0; k < columns.size(); k++) {
            String c = Duck.ident(columns.get(k));
            diffs.add(c + "::DOUBLE - lag(" + c + "::DOUBLE) OVER w AS d" + k);
            shares.add("count(*) FILTER (WHERE d" + k + " > 0)::DOUBLE / greatest(count(d" + k + "), 1)");
        }
        String partition = unit == null ? "" : "PARTITION BY " + Duck.ident(unit) + " ";
        try (Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT " + String.join(", ", shares) + " FROM (SELECT "
                        + String.join(", ", diffs) + " FROM raw WHERE " + Loader.ROW + " <= " + PREFIX_ROWS
                        + " WINDOW w AS (" + partition + "ORDER BY " + Loader.ROW + "))")) {
            r.next();
            double[] out = new double[columns.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = r.getDouble(k + 1);
            }
            return out;
        }
    }

    static boolean hasWord(String name, Set<String> words) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        for (String w : spaced.split("[^a-z0-9]+")) {
            if (words.contains(w)) {
                return true;
            }
        }
        String joined = spaced.replaceAll("[^a-z0-9]", "");
        return words.contains(joined);
    }
}
