package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.profile.Suggest;
import dev.fleetsynth.engine.source.ColumnKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    private static final Set<String> UNIT_WORDS = Set.of("unit", "engine", "asset", "machine", "id", "serial", "equipment", "device",
            "turbine", "pump", "motor", "run", "vehicle", "station", "tool", "bearing", "units", "unitnumber", "unitid", "machineid", "engineid");
    private static final Set<String> ORDER_WORDS = Set.of("cycle", "cycles", "time", "timestamp", "date", "datetime", "t", "step", "index",
            "counter", "hour", "hours", "day", "days", "seq", "sequence", "timestep", "age", "flight", "flights", "runtime", "operating");
    private static final Pattern RUL_NAME = Pattern.compile("(?i)^(rul|remaining[ _-]?useful[ _-]?life|remaining[ _-]?life|ttf|time[ _-]?to[ _-]?failure)([ _-].*)?$");
    private static final Set<String> FAILURE_WORDS = Set.of("failure", "failed", "fail", "fault", "broken", "breakdown", "alarm", "trip",
            "failures", "faults", "status", "event");
    static final Pattern FAILURE_LABEL = Pattern.compile("(?i).*(broken|fail|fault|down|trip|alarm).*");

    private Roles() {
    }

    /** A column the user named, or a problem that lists the columns there are. */
    static String named(String option, String column, List<String> columns) throws IngestException {
        if (column == null || columns.contains(column)) {
            return column;
        }
        String hint = Suggest.closest(column, columns).map(c -> "did you mean '" + c + "'? ").orElse("");
        throw IngestException.of(option, null, "no column named '" + column + "'", hint + "use one of " + columns);
    }

    static Optional<String> rul(List<ColumnProfile> profiles) {
        return profiles.stream().filter(p -> p.kind().numeric() && RUL_NAME.matcher(p.name().strip()).matches()).map(ColumnProfile::name)
                .findFirst();
    }

    /** A flag or a category whose name speaks of failure; the flag with the plainest name first. */
    static Optional<String> failure(List<ColumnProfile> profiles) {
        return profiles.stream()
                .filter(p -> (p.kind() == ColumnKind.FLAG || p.kind() == ColumnKind.CATEGORY) && hasWord(p.name(), FAILURE_WORDS))
                .min((a, b) -> Integer.compare(rank(a), rank(b)))
                .map(ColumnProfile::name);
    }

    private static int rank(ColumnProfile p) {
        return (p.kind() == ColumnKind.FLAG ? 0 : 2) + (NameMatcher.words(p.name()).size() <= 2 ? 0 : 1);
    }

    /**
     * The unit: among integer and text columns with between 2 and rows/3 values, those whose values
     * come in contiguous blocks; a name that says unit, engine, asset... wins, else the leftmost.
     */
    static Optional<String> unit(Connection db, List<ColumnProfile> profiles, long rows) throws SQLException {
        String best = null;
        int bestScore = 0;
        for (ColumnProfile p : profiles) {
            if (!(p.kind() == ColumnKind.INTEGER || p.kind() == ColumnKind.CATEGORY) || p.distinct() < 2 || p.distinct() > rows / 3
                    || p.missing() > 0) {
                continue;
            }
            boolean named = hasWord(p.name(), UNIT_WORDS);
            boolean blocks = runs(db, p.name()) <= 1.2 * p.distinct() + 1;
            int score = (named ? 2 : 0) + (blocks ? 3 : 0);
            if (score >= 3 && score > bestScore) {
                best = p.name();
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** How many blocks of equal values the column has in file order. */
    private static long runs(Connection db, String column) throws SQLException {
        String c = Duck.ident(column);
        try (Statement st = db.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FILTER (WHERE v IS DISTINCT FROM p) FROM (SELECT " + c + " AS v, lag(" + c
                     + ") OVER (ORDER BY " + Loader.ROW + ") AS p FROM raw)")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The order: a timestamp column (one whose name says time first), else a number that grows from
     * row to row within each unit (99 % of steps), a counter's name first, else the leftmost.
     */
    static Optional<String> order(Connection db, List<ColumnProfile> profiles, String unit) throws SQLException {
        Optional<String> time = profiles.stream().filter(p -> p.kind() == ColumnKind.TIMESTAMP && p.missing() == 0)
                .sorted((a, b) -> Boolean.compare(hasWord(b.name(), ORDER_WORDS), hasWord(a.name(), ORDER_WORDS)))
                .map(ColumnProfile::name).findFirst();
        if (time.isPresent()) {
            return time;
        }
        String best = null;
        boolean bestNamed = false;
        for (ColumnProfile p : profiles) {
            if (p.name().equals(unit) || p.missing() > 0 || !(p.kind().numeric() || p.kind() == ColumnKind.IDENTIFIER)
                    || p.type().equals("VARCHAR") || p.distinct() < 2) {
                continue;
            }
            if (growingShare(db, p.name(), unit) >= 0.99) {
                boolean named = hasWord(p.name(), ORDER_WORDS);
                if (best == null || (named && !bestNamed)) {
                    best = p.name();
                    bestNamed = named;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static double growingShare(Connection db, String column, String unit) throws SQLException {
        String c = Duck.ident(column);
        String partition = unit == null ? "" : "PARTITION BY " + Duck.ident(unit) + " ";
        try (Statement st = db.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FILTER (WHERE d > 0)::DOUBLE / greatest(count(d), 1) FROM (SELECT " + c
                     + "::DOUBLE - lag(" + c + "::DOUBLE) OVER (" + partition + "ORDER BY " + Loader.ROW + ") AS d FROM raw)")) {
            r.next();
            return r.getDouble(1);
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
