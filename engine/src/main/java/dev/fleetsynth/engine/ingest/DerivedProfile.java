package dev.fleetsynth.engine.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.profile.DegradationPattern;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileFormat;
import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.engine.profile.ProfileWriter;
import dev.fleetsynth.engine.profile.ResponseCurve;
import dev.fleetsynth.engine.profile.RulSettings;
import dev.fleetsynth.engine.profile.SensorSpec;
import dev.fleetsynth.engine.source.SourceSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The machine profile of the data: the one the columns were mapped onto, or one derived from the
 * rows, so that a machine known only from its data can be seeded, merged and edited like any other.
 * Per numeric reading: {@code base} is its median early in life (RUL above 80 % of the life's
 * length), {@code range} the move of the median to late in life (RUL under 10 %), {@code noise} the
 * robust spread of its row-to-row steps ({@code 1.4826 MAD / sqrt 2}, the noise of one reading when
 * steps are noise).
 */
final class DerivedProfile {
    /** Rows of whole units a derived profile is estimated from, at most (about). */
    static final long ROWS = 200_000;

    private DerivedProfile() {}

    static JsonNode derive(
            Connection db, Ingest.Loaded l, ColumnMapping m, SourceSchema schema, IngestOptions o, IngestReport.Rul rul)
            throws SQLException, IOException {
        MachineProfile profile = o.profile() != null ? o.profile() : fromRows(db, l, schema, rul);
        return new ObjectMapper().readTree(new ProfileWriter().write(profile, ProfileFormat.JSON));
    }

    private static MachineProfile fromRows(Connection db, Ingest.Loaded l, SourceSchema schema, IngestReport.Rul rul)
            throws SQLException {
        List<SensorSpec> sensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String rulCol = schema.rulColumn().map(Duck::ident).orElse(null);
        String unit = schema.unitColumn().map(Duck::ident).orElse(null);
        String partition = "PARTITION BY " + (unit == null ? "" : unit + ", ") + Ingest.LIFE;
        String order =
                schema.order() == null ? Loader.ROW : Duck.ident(schema.order().column());
        List<SourceSchema.Field> readings = schema.learnt().stream()
                .filter(f -> f.kind().numeric())
                .limit(50)
                .toList();
        if (!readings.isEmpty()) {
            // One scan for all readings: the phase of life once, each reading's step from the row before.
            String phase =
                    rulCol == null ? "0.5" : rulCol + " / nullif(max(" + rulCol + ") OVER (" + partition + "), 0)";
            List<String> inner = new ArrayList<>();
            List<String> aggregates = new ArrayList<>();
            inner.add(phase + " AS p");
            for (int k = 0; k < readings.size(); k++) {
                String c = Duck.ident(readings.get(k).name());
                inner.add(c + "::DOUBLE AS v" + k + ", " + c + "::DOUBLE - lag(" + c + "::DOUBLE) OVER w AS d" + k);
                aggregates.add("approx_quantile(v" + k + ", 0.5) FILTER (WHERE p >= 0.8), approx_quantile(v" + k
                        + ", 0.5) FILTER (WHERE p <= 0.1), " + "approx_quantile(v" + k + ", 0.5), approx_quantile(abs(d"
                        + k + "), 0.5)");
            }
            String sql = "SELECT " + String.join(", ", aggregates) + " FROM (SELECT " + String.join(", ", inner)
                    + " FROM labelled" + unitSample(db, unit) + " WINDOW w AS (" + partition + " ORDER BY " + order
                    + "))";
            try (Statement st = db.createStatement();
                    ResultSet r = st.executeQuery(sql)) {
                r.next();
                for (int k = 0; k < readings.size(); k++) {
                    SourceSchema.Field f = readings.get(k);
                    int b = 4 * k;
                    double early = r.getDouble(b + 1);
                    boolean hasEarly = !r.wasNull();
                    double late = r.getDouble(b + 2);
                    boolean hasLate = !r.wasNull();
                    double median = r.getDouble(b + 3);
                    double step = r.getDouble(b + 4);
                    double base = hasEarly ? early : median;
                    double range = hasEarly && hasLate ? late - early : 0;
                    sensors.add(new SensorSpec(
                            sensorName(f.name(), names),
                            f.unit() == null ? "1" : f.unit(),
                            base,
                            range,
                            1.4826 * step / Math.sqrt(2),
                            ResponseCurve.LINEAR));
                }
            }
        }
        double life = rul == null || rul.lifeMedian() == null ? 1000 : rul.lifeMedian();
        // A profile seeds at most 20 cycles (its validator's limit), whatever number of lives the data had.
        int lives = rul == null ? 1 : (int) Math.max(1, Math.min(20, rul.lives()));
        double spread =
                rul == null || rul.lifeMax() == null ? 0 : Math.min(life / 2, (rul.lifeMax() - rul.lifeMin()) / 4);
        return new MachineProfile(
                schema.machineId(),
                "custom",
                "unknown",
                "derived from " + l.loaded().file().getFileName(),
                sensors,
                List.of(),
                Map.of(),
                new RulSettings(life, lives, DegradationPattern.LINEAR_MEDIUM, spread));
    }

    /**
     * A profile from the preview's column profiles alone (before RUL is labelled): per numeric
     * reading its median as base, no range, its robust spread as noise. Enough to create the machine
     * an upload belongs to; ingesting the upload derives the fuller one.
     */
    static JsonNode fromColumns(String machineId, String fileName, List<ColumnProfile> columns, ColumnMapping mapping)
            throws IOException {
        List<SensorSpec> sensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ColumnMapping.Entry e : mapping.columns()) {
            ColumnProfile p = columns.stream()
                    .filter(c -> c.name().equals(e.source()))
                    .findFirst()
                    .orElse(null);
            if (p == null
                    || e.role() != dev.fleetsynth.engine.source.Role.FEATURE
                    || !e.kind().numeric()
                    || sensors.size() >= 50) {
                continue;
            }
            double base = p.median() == null ? 0 : p.median();
            double noise = p.mad() == null ? 0 : 1.4826 * p.mad();
            sensors.add(new SensorSpec(
                    sensorName(e.target(), names),
                    p.unit() == null ? "1" : p.unit(),
                    base,
                    0,
                    noise,
                    ResponseCurve.LINEAR));
        }
        MachineProfile profile = new MachineProfile(
                machineId,
                "custom",
                "unknown",
                "derived from " + fileName,
                sensors,
                List.of(),
                Map.of(),
                new RulSettings(1000, 1, DegradationPattern.LINEAR_MEDIUM, 0));
        return new ObjectMapper().readTree(new ProfileWriter().write(profile, ProfileFormat.JSON));
    }

    /**
     * A filter that keeps about {@link #ROWS} rows of whole units (by a hash of the unit), so that
     * deriving a profile costs the same for a 500 MB file as for a small one.
     */
    private static String unitSample(Connection db, String unit) throws SQLException {
        if (unit == null) {
            return "";
        }
        try (Statement st = db.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*) FROM labelled")) {
            r.next();
            long rows = r.getLong(1);
            if (rows <= ROWS) {
                return "";
            }
            long per1000 = Math.max(1, (long) Math.ceil(1000.0 * ROWS / rows));
            return " WHERE hash(" + unit + "::VARCHAR) % 1000 < " + per1000;
        }
    }

    /** A profile sensor name for a column: letters, digits and underscores, unique, not a reserved column. */
    static String sensorName(String column, Set<String> taken) {
        String n = column.strip().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (n.isEmpty() || Character.isDigit(n.charAt(0))) {
            n = "s_" + n;
        }
        if (ProfileValidator.RESERVED_COLUMNS.contains(n.toLowerCase(Locale.ROOT))) {
            n = n + "_sensor";
        }
        n = n.length() > 60 ? n.substring(0, 60) : n;
        String unique = n;
        for (int i = 2; !taken.add(unique.toLowerCase(Locale.ROOT)); i++) {
            unique = n + "_" + i;
        }
        return unique;
    }
}
