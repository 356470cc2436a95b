package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.io.Duck;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Long exports of plant historians, one reading per row ({@code timestamp, tag, value}, with an
 * asset column or without), pivoted to one column per tag by DuckDB's {@code PIVOT}. Recognised by
 * shape: three or four columns, exactly one timestamp, one number, a text column of tag names (a
 * few hundred at most, named like a tag) and, for four, an asset column.
 */
final class Historian {
    static final int MAX_TAGS = IngestOptions.MAX_COLUMNS;
    private static final Set<String> TAG_WORDS = Set.of(
            "tag",
            "tagname",
            "sensor",
            "signal",
            "variable",
            "point",
            "name",
            "channel",
            "parameter",
            "metric",
            "measurement",
            "item",
            "attribute");

    private Historian() {}

    /** If {@code raw} is long, replaces it with its pivot and says how it was read. */
    static Optional<IngestReport.Historian> pivotIfLong(
            Connection db, Map<String, String> types, List<ColumnProfile> profiles)
            throws SQLException, IngestException {
        if (types.size() < 3 || types.size() > 4) {
            return Optional.empty();
        }
        ColumnProfile time = null;
        ColumnProfile value = null;
        ColumnProfile tag = null;
        ColumnProfile asset = null;
        for (ColumnProfile p : profiles) {
            switch (p.kind()) {
                case TIMESTAMP -> time = time == null ? p : null;
                case NUMBER, INTEGER, FLAG -> value = value == null ? p : null;
                case CATEGORY, IDENTIFIER -> {
                    if (Roles.hasWord(p.name(), TAG_WORDS) && tag == null) {
                        tag = p;
                    } else {
                        asset = asset == null ? p : null;
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (time == null || value == null || tag == null || (types.size() == 4) != (asset != null)) {
            return Optional.empty();
        }
        if (tag.distinct() > MAX_TAGS) {
            throw IngestException.of(
                    tag.name(),
                    null,
                    tag.distinct() + " tags; at most " + MAX_TAGS + " become columns",
                    "export the tags of one machine");
        }
        String group = (asset == null ? "" : Duck.ident(asset.name()) + ", ") + Duck.ident(time.name());
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE pivoted AS PIVOT (SELECT * EXCLUDE (" + Loader.ROW + ") FROM raw) ON "
                    + Duck.ident(tag.name()) + " USING avg(" + Duck.ident(value.name()) + ") GROUP BY " + group
                    + " ORDER BY " + group);
            st.execute("DROP TABLE raw");
            st.execute("CREATE TABLE raw AS SELECT rowid + 1 AS " + Loader.ROW + ", * FROM pivoted");
            st.execute("DROP TABLE pivoted");
        }
        return Optional.of(new IngestReport.Historian(
                time.name(), tag.name(), value.name(), asset == null ? null : asset.name(), (int) tag.distinct()));
    }
}
