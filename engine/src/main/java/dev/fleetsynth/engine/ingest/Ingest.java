package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.ingest.ColumnMapping.Entry;
import dev.fleetsynth.engine.ingest.ColumnMapping.RulFrom;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.io.Duck;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Brings a user's run-to-failure data in: reads the file (any format {@link FileFormat} knows),
 * profiles every column, finds the unit, order, RUL and failure columns, maps the columns (onto a
 * profile, or as they are), cleans (duplicates, missing values, constant columns; outliers flagged),
 * labels RUL, holds out a share of the units and writes {@value #SEED_FILE}, {@value #HOLDOUT_FILE}
 * and the report {@value #REPORT_FILE} (with the mapping to reuse). All of the table work is DuckDB
 * SQL, which spills to disk past its memory limit, so a 500 MB file never has to fit in the heap.
 */
public final class Ingest {
    public static final String SEED_FILE = "seed.parquet";
    public static final String HOLDOUT_FILE = "holdout.parquet";
    public static final String REPORT_FILE = "ingest.json";
    public static final String TEXT_FILE = "ingest.txt";
    static final String LIFE = "__life";
    private static final int STEPS = 8;

    private Ingest() {}

    /** What was written, and the account of it. */
    public record Result(IngestReport report, Path seed, Path holdout) {}

    /** What a file would become, before anything is written: profiles and the suggested mapping. */
    @Schema(requiredProperties = {"format", "header", "rows", "columns", "mapping", "sample"})
    public record Preview(
            String format,
            String sheet,
            boolean header,
            long rows,
            List<ColumnProfile> columns,
            ColumnMapping mapping,
            IngestReport.Historian historian,
            List<Map<String, Object>> sample,

            @Schema(ref = "Profile") com.fasterxml.jackson.databind.JsonNode profile) {}

    /** Reads and profiles the file and suggests a mapping; writes nothing. */
    public static Preview preview(Path file, IngestOptions o) throws IngestException, IOException {
        Path work = Files.createTempDirectory("fleetsynth-ingest-");
        try (Connection db = Duck.open(work.resolve("spill"))) {
            Loaded l = load(db, file, o, work, ProgressListener.NONE);
            ColumnMapping mapping = plan(db, l, o);
            com.fasterxml.jackson.databind.JsonNode profile = o.profile() != null
                    ? null
                    : DerivedProfile.fromColumns(
                            machineId(o, file), file.getFileName().toString(), l.profiles, mapping);
            return new Preview(
                    l.loaded.format().label(),
                    l.loaded.sheet(),
                    l.loaded.header(),
                    l.rows,
                    l.profiles,
                    mapping,
                    l.historian,
                    sample(db, 20),
                    profile);
        } catch (SQLException e) {
            throw Loader.translate(e, true);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /**
     * Writes {@code out/seed.parquet}, {@code out/holdout.parquet}, {@code out/ingest.json} and
     * {@code out/ingest.txt}; the report last, so that its presence means the rest is complete.
     */
    public static Result run(Path file, IngestOptions o, Path out, ProgressListener progress)
            throws IngestException, IOException {
        try {
            return run(file, o, out, progress, 2);
        } catch (OutOfMemory e) {
            // Two threads each hold their own buffers at a sort's or a window's peak; one thread stays
            // within the memory limit where two did not (seen once in three runs of a 500 MB file).
            try {
                return run(file, o, out, progress, 1);
            } catch (OutOfMemory again) {
                throw IngestException.of(
                        "file",
                        null,
                        "the file needs more memory to bring in than this service has (" + Duck.DEFAULT_MEMORY_LIMIT
                                + ")",
                        "split it by unit or time and bring the parts in one by one");
            }
        }
    }

    /** DuckDB ran out of memory: tried again on one thread. */
    private static final class OutOfMemory extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static Result run(Path file, IngestOptions o, Path out, ProgressListener progress, int threads)
            throws IngestException, IOException, OutOfMemory {
        Files.createDirectories(out);
        Path work = Files.createTempDirectory(out, ".ingest-");
        try (Connection db = Duck.open(work.resolve("spill"), Duck.DEFAULT_MEMORY_LIMIT, threads)) {
            Loaded l = load(db, file, o, work, progress);
            ColumnMapping mapping = plan(db, l, o);
            progress.progress(4, STEPS);
            Written w = clean(db, l, mapping, o);
            progress.progress(6, STEPS);
            SourceSchema schema = w.schema;
            Path seed = out.resolve(SEED_FILE);
            Path holdout = out.resolve(HOLDOUT_FILE);
            copy(db, "train", schema, seed, work);
            copy(db, "hold", schema, holdout, work);
            progress.progress(7, STEPS);
            IngestReport report = new IngestReport(
                    file.getFileName().toString(),
                    l.loaded.format().label(),
                    l.loaded.sheet(),
                    l.loaded.header(),
                    l.rows,
                    w.trainRows,
                    w.holdRows,
                    w.units,
                    w.heldOut,
                    l.historian,
                    l.profiles,
                    w.cleaning,
                    w.rul,
                    mapping,
                    schema,
                    DerivedProfile.derive(db, l, mapping, schema, o, w.rul),
                    w.notes);
            AtomicFiles.write(out.resolve(TEXT_FILE), report.toText().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve(REPORT_FILE), (report.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            progress.progress(STEPS, STEPS);
            return new Result(report, seed, holdout);
        } catch (SQLException e) {
            if (Duck.outOfMemory(e)) {
                throw new OutOfMemory();
            }
            throw Loader.translate(e, true);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** The loaded, pivoted, retyped and profiled table. */
    record Loaded(
            Loader.Loaded loaded,
            Map<String, String> types,
            List<ColumnProfile> profiles,
            long rows,
            IngestReport.Historian historian) {
        List<String> names() {
            return new ArrayList<>(types.keySet());
        }

        ColumnProfile profile(String name) {
            return profiles.stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Loaded load(Connection db, Path file, IngestOptions o, Path work, ProgressListener progress)
            throws IngestException, IOException, SQLException {
        Loader.Loaded loaded = Loader.load(db, file, o, work);
        progress.progress(1, STEPS);
        Map<String, String> types;
        try (Statement st = db.createStatement()) {
            types = Loader.describe(st, "raw");
        }
        types.remove(Loader.ROW);
        types = Profiler.retype(db, "raw", types);
        List<ColumnProfile> profiles = Profiler.profile(db, "raw", types);
        IngestReport.Historian historian =
                Historian.pivotIfLong(db, types, profiles).orElse(null);
        if (historian != null) {
            try (Statement st = db.createStatement()) {
                types = Loader.describe(st, "raw");
            }
            types.remove(Loader.ROW);
            profiles = Profiler.profile(db, "raw", types);
        }
        progress.progress(2, STEPS);
        long rows = loaded.rows();
        if (historian != null) {
            try (Statement st = db.createStatement();
                    ResultSet r = st.executeQuery("SELECT count(*) FROM raw")) {
                r.next();
                rows = r.getLong(1);
            }
        }
        progress.progress(3, STEPS);
        return new Loaded(loaded, types, profiles, rows, historian);
    }

    /** The mapping: the saved one when it fits this file's shape, else roles and targets as detected or named. */
    static ColumnMapping plan(Connection db, Loaded l, IngestOptions o) throws IngestException, SQLException {
        List<String> names = l.names();
        if (o.mapping() != null) {
            if (!o.mapping().shape().equals(names)) {
                throw IngestException.of(
                        "mapping",
                        null,
                        "it was made for the columns " + o.mapping().shape() + ", this file has " + names,
                        "bring the file in without the mapping to get a new suggestion");
            }
            return o.rulCap() == null
                    ? o.mapping()
                    : new ColumnMapping(
                            names,
                            o.mapping().columns(),
                            o.mapping().rulFrom(),
                            o.rulCap(),
                            o.mapping().profile());
        }
        String rul = Roles.named("--rul", o.rul(), names);
        if (rul == null && !o.rulFromEnd()) {
            rul = Roles.rul(l.profiles).orElse(null);
        }
        String failure = Roles.named("--failure", o.failure(), names);
        if (failure == null) {
            failure = Roles.failure(l.profiles).orElse(null);
        }
        String unit = Roles.named("--unit", o.unit(), names);
        if (unit == null) {
            unit = Roles.unit(db, l.profiles, l.rows).orElse(null);
        }
        String order = Roles.named("--order", o.order(), names);
        if (order == null) {
            order = Roles.order(db, l.profiles, unit).orElse(null);
        }
        for (String[] pair : new String[][] {
            {"--unit", unit, "--order", order}, {"--unit", unit, "--rul", rul}, {"--order", order, "--rul", rul}
        }) {
            if (pair[1] != null && pair[1].equals(pair[3])) {
                throw IngestException.of(
                        pair[2],
                        null,
                        "'" + pair[1] + "' is already the " + pair[0].substring(2) + " column",
                        "name another column with " + pair[2]);
            }
        }
        if (o.rul() != null
                && !l.profile(o.rul()).kind().numeric()
                && l.profile(o.rul()).kind() != ColumnKind.IDENTIFIER) {
            throw IngestException.of(
                    "--rul",
                    null,
                    "'" + o.rul() + "' holds " + l.profile(o.rul()).kind().json() + " values, not numbers",
                    "name the column that holds the remaining useful life");
        }
        if (failure != null && failure.equals(unit)) {
            failure = null;
        }
        boolean timed = order != null && l.profile(order).kind() == ColumnKind.TIMESTAMP;
        RulFrom from;
        if (rul != null) {
            from = RulFrom.COLUMN;
        } else if (o.rulFromEnd()) {
            if (order == null) {
                throw IngestException.of(
                        "--rul-from-end",
                        null,
                        "RUL from the end of each unit needs an order column, and none was found",
                        "name the timestamp or counter column with --order");
            }
            from = RulFrom.END;
        } else if (failure != null && order != null && (unit != null || timed || o.failure() != null)) {
            from = RulFrom.EVENTS;
        } else if (unit != null && order != null) {
            from = RulFrom.END;
        } else {
            from = RulFrom.NONE;
        }
        if (o.failure() != null && from == RulFrom.EVENTS && order == null) {
            throw IngestException.of(
                    "--failure",
                    null,
                    "RUL from failure events needs an order column, and none was found",
                    "name the timestamp or counter column with --order");
        }
        List<Entry> entries = new ArrayList<>();
        for (ColumnProfile p : l.profiles) {
            entries.add(entry(p, unit, order, rul, failure));
        }
        if (o.profile() != null) {
            List<String> numeric = entries.stream()
                    .filter(e -> e.role() == Role.FEATURE && e.kind().numeric())
                    .map(Entry::source)
                    .toList();
            Map<String, NameMatcher.Match> matches =
                    NameMatcher.match(numeric, o.profile().sensors());
            List<String> taken = new ArrayList<>(names);
            for (int i = 0; i < entries.size(); i++) {
                NameMatcher.Match m = matches.get(entries.get(i).source());
                if (m != null
                        && (!taken.contains(m.sensor())
                                || m.sensor().equals(entries.get(i).source()))) {
                    entries.set(
                            i,
                            entries.get(i)
                                    .withTarget(
                                            m.sensor(),
                                            Math.round(m.score() * 1000) / 1000.0,
                                            "matched the profile's sensor " + m.sensor() + " by name and unit"));
                }
            }
        }
        return new ColumnMapping(
                names,
                entries,
                from,
                o.rulCap(),
                o.profile() == null ? null : o.profile().machineId());
    }

    private static Entry entry(ColumnProfile p, String unit, String order, String rul, String failure) {
        String n = p.name();
        if (n.equals(unit)) {
            return new Entry(
                    n,
                    n,
                    Role.UNIT,
                    p.kind() == ColumnKind.IDENTIFIER ? ColumnKind.CATEGORY : p.kind(),
                    null,
                    "the asset or run each row belongs to");
        }
        if (n.equals(order)) {
            ColumnKind k = p.kind() == ColumnKind.TIMESTAMP
                    ? ColumnKind.TIMESTAMP
                    : p.kind() == ColumnKind.NUMBER ? ColumnKind.NUMBER : ColumnKind.INTEGER;
            return new Entry(
                    n,
                    n,
                    Role.ORDER,
                    k,
                    null,
                    k == ColumnKind.TIMESTAMP ? "the time of each reading" : "grows from row to row within each unit");
        }
        if (n.equals(rul)) {
            return new Entry(n, n, Role.RUL, ColumnKind.NUMBER, null, "remaining useful life, as given");
        }
        if (n.equals(failure)) {
            return new Entry(n, n, Role.FAILURE, p.kind(), null, "failure flag or event");
        }
        if (p.count() == 0) {
            return new Entry(n, n, Role.DROPPED, p.kind(), null, "every value is missing");
        }
        if (p.kind() == ColumnKind.IDENTIFIER) {
            return new Entry(
                    n, n, Role.DROPPED, p.kind(), null, "an identifier: a different value on nearly every row");
        }
        if (p.kind() == ColumnKind.TIMESTAMP) {
            return new Entry(n, n, Role.DROPPED, p.kind(), null, "a second timestamp; the order is another column");
        }
        if (p.constant()) {
            return new Entry(
                    n,
                    n,
                    Role.DROPPED,
                    p.kind(),
                    null,
                    "constant: every value is " + p.topValue() + "; written back as it is");
        }
        if (p.kind() != ColumnKind.FLAG && p.topShare() != null && p.topShare() >= Profiler.NEAR_CONSTANT_SHARE) {
            return new Entry(
                    n,
                    n,
                    Role.DROPPED,
                    p.kind(),
                    null,
                    String.format(
                            Locale.ROOT,
                            "near-constant: %s in %.2f %% of rows; written back as %s",
                            p.topValue(),
                            100 * p.topShare(),
                            p.topValue()));
        }
        return new Entry(n, n, Role.FEATURE, p.kind(), null, null);
    }

    /** The tables {@code train} and {@code hold}, and what cleaning did. */
    private record Written(
            SourceSchema schema,
            long trainRows,
            long holdRows,
            int units,
            List<String> heldOut,
            IngestReport.Cleaning cleaning,
            IngestReport.Rul rul,
            List<String> notes) {}

    private static Written clean(Connection db, Loaded l, ColumnMapping m, IngestOptions o)
            throws SQLException, IngestException {
        List<String> notes = new ArrayList<>();
        Entry unit = m.withRole(Role.UNIT).orElse(null);
        Entry order = m.withRole(Role.ORDER).orElse(null);
        Entry rulEntry = m.withRole(Role.RUL).orElse(null);
        Entry failure = m.withRole(Role.FAILURE).orElse(null);
        List<SourceSchema.Field> fields = new ArrayList<>();
        List<String> select = new ArrayList<>();
        List<String> learnt = new ArrayList<>();
        List<IngestReport.Dropped> dropped = new ArrayList<>();
        java.util.Set<String> targets = new java.util.HashSet<>();
        for (Entry e : m.columns()) {
            ColumnProfile p = l.profile(e.source());
            String src = Duck.ident(e.source());
            if (e.role() == Role.DROPPED) {
                boolean constant = p.count() > 0
                        && p.topValue() != null
                        && (p.constant() || (p.topShare() != null && p.topShare() >= Profiler.NEAR_CONSTANT_SHARE))
                        && e.kind() != ColumnKind.IDENTIFIER
                        && e.kind() != ColumnKind.TIMESTAMP;
                dropped.add(new IngestReport.Dropped(
                        e.source(),
                        e.reason() == null ? "dropped in the mapping" : e.reason(),
                        constant ? p.topValue() : null));
                if (constant) {
                    if (!targets.add(e.target())) {
                        throw duplicateTarget(e);
                    }
                    select.add(cast(Duck.literal(p.topValue()), e.kind()) + " AS " + Duck.ident(e.target()));
                    fields.add(new SourceSchema.Field(
                            e.target(), e.kind(), Role.DROPPED, p.unit(), renamed(e), p.topValue()));
                }
                continue;
            }
            if (!targets.add(e.target())) {
                throw duplicateTarget(e);
            }
            ColumnKind kind = e.kind();
            if (e.role() == Role.UNIT) {
                select.add((p.type().equals("VARCHAR") ? src : src + "::BIGINT") + " AS " + Duck.ident(e.target()));
                kind = p.type().equals("VARCHAR") ? ColumnKind.CATEGORY : ColumnKind.INTEGER;
            } else if (e.role() == Role.FAILURE && kind == ColumnKind.CATEGORY) {
                select.add(src + "::VARCHAR AS " + Duck.ident(e.target()));
            } else {
                select.add(cast(src, kind) + " AS " + Duck.ident(e.target()));
            }
            if (e.role() == Role.FEATURE || e.role() == Role.FAILURE) {
                learnt.add(e.target());
            }
            fields.add(new SourceSchema.Field(e.target(), kind, e.role(), p.unit(), renamed(e), null));
        }
        if (learnt.isEmpty()) {
            throw IngestException.of(
                    "columns",
                    null,
                    "no column is left to learn: every column is a role, an identifier or constant",
                    "keep at least one reading column, or check the roles (--unit, --order, --rul, --failure)");
        }
        String u = unit == null ? null : Duck.ident(unit.target());
        String ord = order == null ? null : Duck.ident(order.target());
        String partition = u == null ? "" : "PARTITION BY " + u + " ";
        String byOrder = ord == null ? Loader.ROW : ord;
        long removedMissingKey;
        long duplicates;
        long repeated = 0;
        Map<String, Long> filled = new LinkedHashMap<>();
        long droppedMissing = 0;
        try (Statement st = db.createStatement()) {
            String where = java.util.stream.Stream.of(unit, order)
                    .filter(x -> x != null)
                    .map(x -> Duck.ident(x.source()) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            st.execute("CREATE TABLE typed AS SELECT " + Loader.ROW + ", " + String.join(", ", select) + " FROM raw"
                    + (where.isEmpty() ? "" : " WHERE " + where));
            removedMissingKey = l.rows - count(st, "typed");
            String all = fields.stream().map(f -> Duck.ident(f.name())).collect(Collectors.joining(", "));
            // Most files have neither duplicate rows nor repeated orders; one cheap count says so, and
            // the table is then kept as it is rather than copied twice through window functions.
            String key = ord == null ? all : (u == null ? "" : u + ", ") + ord;
            long typedRows = count(st, "typed");
            long distinctKeys;
            try (ResultSet r = st.executeQuery("SELECT count(*) FROM (SELECT DISTINCT " + key + " FROM typed)")) {
                r.next();
                distinctKeys = r.getLong(1);
            }
            if (distinctKeys == typedRows) {
                st.execute("ALTER TABLE typed RENAME TO dedup");
                duplicates = 0;
            } else {
                st.execute("CREATE TABLE dedup AS SELECT * FROM typed QUALIFY row_number() OVER (PARTITION BY " + all
                        + " ORDER BY " + Loader.ROW + ") = 1");
                duplicates = typedRows - count(st, "dedup");
                st.execute("DROP TABLE typed");
            }
            if (ord != null && distinctKeys != typedRows) {
                long before = count(st, "dedup");
                st.execute("CREATE TABLE dedup2 AS SELECT * FROM dedup QUALIFY row_number() OVER (PARTITION BY "
                        + (u == null ? "" : u + ", ") + ord + " ORDER BY " + Loader.ROW + ") = 1");
                st.execute("DROP TABLE dedup");
                st.execute("ALTER TABLE dedup2 RENAME TO dedup");
                repeated = before - count(st, "dedup");
            }
            // Missing values of the learnt columns.
            List<String> learntIdents = learnt.stream().map(Duck::ident).toList();
            if (!learnt.isEmpty()) {
                StringBuilder counts = new StringBuilder("SELECT ");
                for (int i = 0; i < learnt.size(); i++) {
                    counts.append(i == 0 ? "" : ", ")
                            .append("count(*) - count(")
                            .append(learntIdents.get(i))
                            .append(")");
                }
                try (ResultSet r = st.executeQuery(counts.append(" FROM dedup").toString())) {
                    r.next();
                    for (int i = 0; i < learnt.size(); i++) {
                        if (r.getLong(i + 1) > 0) {
                            filled.put(learnt.get(i), r.getLong(i + 1));
                        }
                    }
                }
            }
            if (o.missing() == IngestOptions.Missing.DROP || filled.isEmpty()) {
                long before = count(st, "dedup");
                if (filled.isEmpty()) {
                    st.execute("ALTER TABLE dedup RENAME TO filled");
                } else {
                    String notNull =
                            learntIdents.stream().map(x -> x + " IS NOT NULL").collect(Collectors.joining(" AND "));
                    st.execute("CREATE TABLE filled AS SELECT * FROM dedup WHERE " + notNull);
                }
                droppedMissing = before - count(st, "filled");
                if (o.missing() == IngestOptions.Missing.DROP) {
                    filled.clear();
                }
            } else {
                List<String> cols = new ArrayList<>();
                cols.add(Loader.ROW);
                for (SourceSchema.Field f : fields) {
                    String c = Duck.ident(f.name());
                    if (filled.containsKey(f.name())) {
                        ColumnProfile p = l.profile(m.columns().stream()
                                .filter(e -> e.target().equals(f.name()))
                                .findFirst()
                                .orElseThrow()
                                .source());
                        String fallback = f.kind() == ColumnKind.CATEGORY
                                ? Duck.literal(String.valueOf(p.topValue()))
                                : p.median() == null ? "NULL" : cast(String.valueOf(p.median()), f.kind());
                        cols.add("coalesce(" + c + ", last_value(" + c + " IGNORE NULLS) OVER (" + partition
                                + "ORDER BY " + byOrder
                                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), first_value(" + c
                                + " IGNORE NULLS) OVER ("
                                + partition + "ORDER BY " + byOrder
                                + " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), " + fallback + ") AS " + c);
                    } else {
                        cols.add(c);
                    }
                }
                st.execute("CREATE TABLE filled AS SELECT " + String.join(", ", cols) + " FROM dedup");
            }
            st.execute("DROP TABLE IF EXISTS dedup");
        }
        // RUL.
        SourceSchema.Order clock = null;
        String rulUnit = null;
        String rulName = rulEntry != null
                ? rulEntry.target()
                : targets.contains(SourceSchema.RUL) ? "rul_" + m.rulFrom().json() : SourceSchema.RUL;
        IngestReport.Rul rulReport = null;
        long censoredRows = 0;
        long censoredUnits = 0;
        try (Statement st = db.createStatement()) {
            if (order != null) {
                clock = clock(st, order, u, ord);
                rulUnit = clock.unit();
            }
            String rulExpr = switch (m.rulFrom()) {
                case COLUMN -> Duck.ident(rulEntry.target()) + "::DOUBLE";
                case END -> elapsed("max(" + ord + ") OVER (" + partition.strip() + ")", ord, clock);
                case EVENTS ->
                    elapsed(
                            "min(CASE WHEN " + event(failure) + " THEN " + ord + " END) OVER (" + partition
                                    + "ORDER BY " + ord + " ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)",
                            ord,
                            clock);
                case NONE -> null;
            };
            if (rulExpr == null) {
                st.execute("CREATE TABLE labelled AS SELECT *, 0 AS " + LIFE + " FROM filled ORDER BY "
                        + (u == null ? "" : u + ", ") + byOrder);
            } else {
                String lifeExpr = m.rulFrom() == RulFrom.EVENTS
                        ? "count(*) FILTER (WHERE " + event(failure) + ") OVER (" + partition + "ORDER BY " + ord
                                + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
                        : "0";
                // Labelled and censored rows in one pass: rows without a failure after them drop out here.
                String capped = m.rulCap() == null ? "__rul" : "least(__rul, " + m.rulCap() + ")";
                st.execute("CREATE TABLE labelled AS SELECT * EXCLUDE (__rul), " + capped + " AS " + Duck.ident(rulName)
                        + " FROM (SELECT * EXCLUDE ("
                        + (rulEntry == null ? Loader.ROW : Duck.ident(rulEntry.target()) + ", " + Loader.ROW) + "), "
                        + Loader.ROW + ", " + rulExpr
                        + " AS __rul, coalesce(" + lifeExpr + ", 0) AS " + LIFE
                        + " FROM filled) WHERE __rul IS NOT NULL AND __rul >= 0 ORDER BY "
                        + (u == null ? "" : u + ", ") + byOrder);
                long before = count(st, "filled");
                if (u != null) {
                    try (ResultSet r = st.executeQuery("SELECT count(*) FROM (SELECT DISTINCT " + u
                            + " FROM filled EXCEPT SELECT DISTINCT " + u + " FROM labelled)")) {
                        r.next();
                        censoredUnits = r.getLong(1);
                    }
                }
                censoredRows = before - count(st, "labelled");
                if (count(st, "labelled") == 0) {
                    throw IngestException.of(
                            failure != null ? failure.source() : "rul",
                            null,
                            "no row has a RUL: no unit ever fails",
                            "name the failure column with --failure, or say that units run to failure with --rul-from-end");
                }
            }
            st.execute("DROP TABLE filled");
        }
        // The RUL field goes where the file had it, or at the end.
        List<SourceSchema.Field> outFields = new ArrayList<>();
        for (SourceSchema.Field f : fields) {
            if (f.role() != Role.RUL) {
                outFields.add(f);
            }
        }
        if (m.rulFrom() == RulFrom.COLUMN) {
            int at = fields.indexOf(fields.stream()
                    .filter(f -> f.role() == Role.RUL)
                    .findFirst()
                    .orElseThrow());
            outFields.add(Math.min(at, outFields.size()), SourceSchema.Field.of(rulName, ColumnKind.NUMBER, Role.RUL));
        } else if (m.rulFrom() != RulFrom.NONE) {
            outFields.add(SourceSchema.Field.of(rulName, ColumnKind.NUMBER, Role.RUL));
        }
        if (rulUnit == null && m.rulFrom() == RulFrom.COLUMN) {
            rulUnit = "as given";
        }
        String machineId = machineId(o, l.loaded.file());
        SourceSchema schema = new SourceSchema(
                machineId,
                SourceSchema.Origin.REAL,
                outFields,
                clock,
                m.rulFrom() == RulFrom.NONE ? null : rulUnit,
                m.rulFrom() == RulFrom.NONE ? null : m.rulCap());

        // Lives, held-out units, and the two tables.
        List<String> heldOut = new ArrayList<>();
        int units;
        long trainRows;
        long holdRows;
        try (Statement st = db.createStatement()) {
            if (m.rulFrom() != RulFrom.NONE && ord != null) {
                rulReport = lives(st, m, clock, rulName, u, ord, censoredRows, censoredUnits, failure);
            } else if (m.rulFrom() == RulFrom.COLUMN) {
                rulReport = new IngestReport.Rul(
                        "column", rulName, rulUnit, m.rulCap(), censoredRows, censoredUnits, 0, null, null, null);
            }
            List<String> unitValues = new ArrayList<>();
            if (u != null) {
                try (ResultSet r = st.executeQuery("SELECT DISTINCT " + u + "::VARCHAR FROM labelled ORDER BY 1")) {
                    while (r.next()) {
                        unitValues.add(r.getString(1));
                    }
                }
            }
            units = u == null ? 1 : unitValues.size();
            String outCols = outFields.stream().map(f -> Duck.ident(f.name())).collect(Collectors.joining(", "));
            if (u != null && units >= 2 && o.holdoutUnits() > 0) {
                List<String> shuffled = new ArrayList<>(unitValues);
                Collections.shuffle(shuffled, new Random(o.seed()));
                int k = (int) Math.max(1, Math.min(units - 1, Math.round(o.holdoutUnits() * units)));
                heldOut.addAll(shuffled.subList(0, k).stream()
                        .sorted(unitOrder(unitValues))
                        .toList());
                // Views of the sorted table, each read once by the COPY that writes it (a filter keeps the table's
                // order).
                st.execute("CREATE TEMP TABLE held_units AS SELECT * FROM (VALUES "
                        + heldOut.stream().map(x -> "(" + Duck.literal(x) + ")").collect(Collectors.joining(", "))
                        + ") t(v)");
                st.execute("CREATE VIEW hold AS SELECT " + outCols + " FROM labelled WHERE " + u
                        + "::VARCHAR IN (SELECT v FROM held_units)");
                st.execute("CREATE VIEW train AS SELECT " + outCols + " FROM labelled WHERE " + u
                        + "::VARCHAR NOT IN (SELECT v FROM held_units)");
            } else {
                long n = count(st, "labelled");
                long keep = o.holdoutUnits() > 0 && n >= 10 ? Math.round(n * (1 - o.holdoutUnits())) : n;
                if (u != null && units < 2 && o.holdoutUnits() > 0) {
                    notes.add("one unit only: the last " + Math.round(100 * o.holdoutUnits())
                            + " % of its rows are held out instead of units");
                }
                st.execute("CREATE TABLE numbered AS SELECT *, row_number() OVER () AS __n FROM labelled");
                st.execute("CREATE VIEW train AS SELECT " + outCols + " FROM numbered WHERE __n <= " + keep);
                st.execute("CREATE VIEW hold AS SELECT " + outCols + " FROM numbered WHERE __n > " + keep);
            }
            trainRows = count(st, "train");
            holdRows = count(st, "hold");
        }
        if (m.rulFrom() == RulFrom.END && o.rul() == null && !o.rulFromEnd()) {
            notes.add(
                    "no RUL or failure column: every unit is taken to run to failure at its last row (--rul-from-end); "
                            + "name a failure column with --failure if that is not so");
        }
        if (m.rulFrom() == RulFrom.NONE) {
            notes.add(
                    order == null && unit == null
                            ? "no unit, order or RUL found: rows are learnt as a table of independent records"
                            : "no RUL could be labelled: rows are learnt as a table; name --unit and --order, or --rul, for run-to-failure data");
        }
        Map<String, Long> outliers = new LinkedHashMap<>();
        for (ColumnProfile p : l.profiles) {
            boolean learntColumn =
                    m.entry(p.name()).map(e -> e.role() == Role.FEATURE).orElse(false);
            if (learntColumn && p.outliers() != null && p.outliers() > 0) {
                outliers.put(p.name(), p.outliers());
            }
        }
        IngestReport.Cleaning cleaning = new IngestReport.Cleaning(
                o.missing().name().toLowerCase(Locale.ROOT),
                filled,
                removedMissingKey + droppedMissing,
                duplicates,
                repeated,
                dropped,
                outliers);
        if (removedMissingKey > 0) {
            notes.add(removedMissingKey + " rows without a unit or order value were dropped");
        }
        return new Written(schema, trainRows, holdRows, units, heldOut, cleaning, rulReport, notes);
    }

    private static java.util.Comparator<String> unitOrder(List<String> values) {
        return java.util.Comparator.comparingInt(values::indexOf);
    }

    private static IngestException duplicateTarget(Entry e) {
        return IngestException.of(
                e.source(),
                null,
                "maps to '" + e.target() + "', which another column maps to as well",
                "give each column its own target name");
    }

    private static String renamed(Entry e) {
        return e.target().equals(e.source()) ? null : e.source();
    }

    /** The SQL that types a value as its kind is written. */
    private static String cast(String expr, ColumnKind kind) {
        return switch (kind) {
            case NUMBER -> expr + "::DOUBLE";
            case INTEGER -> "round(" + expr + "::DOUBLE)::BIGINT";
            case FLAG ->
                "(CASE WHEN " + expr + "::VARCHAR IN ('1', '1.0', 'true', 'TRUE', 'True') THEN 1 WHEN " + expr
                        + " IS NULL THEN NULL ELSE 0 END)::BIGINT";
            case TIMESTAMP -> expr + "::TIMESTAMP";
            default -> expr + "::VARCHAR";
        };
    }

    /** Whether a row is a failure event: a flag of 1, or a label that speaks of failure. */
    private static String event(Entry failure) {
        String c = Duck.ident(failure.target());
        return failure.kind() == ColumnKind.CATEGORY
                ? "regexp_matches(" + c + ", '(?i)(broken|fail|fault|down|trip|alarm)')"
                : c + " = 1";
    }

    /** {@code end - order} in RUL units: hours for timestamps, the counter's own units otherwise. */
    private static String elapsed(String end, String ord, SourceSchema.Order clock) {
        if (clock.kind() == SourceSchema.OrderKind.TIMESTAMP) {
            return "(epoch(" + end + ") - epoch(" + ord + ")) / 3600.0";
        }
        return "(" + end + " - " + ord + ")::DOUBLE";
    }

    /** The order's clock: its typical step within a unit (the most frequent for counters, the median for timestamps). */
    private static SourceSchema.Order clock(Statement st, Entry order, String u, String ord)
            throws SQLException, IngestException {
        boolean timed = order.kind() == ColumnKind.TIMESTAMP;
        String diff = timed
                ? "epoch(" + ord + ") - epoch(lag(" + ord + ") OVER w)"
                : ord + "::DOUBLE - lag(" + ord + "::DOUBLE) OVER w";
        String window = "WINDOW w AS (" + (u == null ? "" : "PARTITION BY " + u + " ") + "ORDER BY " + ord + ")";
        double step;
        try (ResultSet r = st.executeQuery("SELECT " + (timed ? "approx_quantile(d, 0.5)" : "approx_top_k(d, 1)[1]")
                + " FROM (SELECT " + diff + " AS d FROM filled " + window + ") WHERE d > 0")) {
            r.next();
            step = r.getDouble(1);
            if (r.wasNull() || !(step > 0)) {
                throw IngestException.of(
                        order.source(),
                        null,
                        "the order never grows within a unit",
                        "name the timestamp or counter with --order");
            }
        }
        String name = order.target().toLowerCase(Locale.ROOT);
        String unit = timed
                ? "hours"
                : name.contains("cycle") || name.contains("flight")
                        ? "cycles"
                        : name.contains("hour")
                                ? "hours"
                                : name.contains("day")
                                        ? "days"
                                        : name.contains("min") ? "minutes" : name.contains("sec") ? "seconds" : "steps";
        return new SourceSchema.Order(
                order.target(), timed ? SourceSchema.OrderKind.TIMESTAMP : SourceSchema.OrderKind.COUNTER, step, unit);
    }

    private static IngestReport.Rul lives(
            Statement st,
            ColumnMapping m,
            SourceSchema.Order clock,
            String rulName,
            String u,
            String ord,
            long censoredRows,
            long censoredUnits,
            Entry failure)
            throws SQLException {
        String by = (u == null ? "" : u + ", ") + LIFE;
        String length = clock.kind() == SourceSchema.OrderKind.TIMESTAMP
                ? "(epoch(max(" + ord + ")) - epoch(min(" + ord + "))) / 3600.0 + " + clock.stepInRulUnits()
                : "(max(" + ord + ") - min(" + ord + "))::DOUBLE + " + clock.step();
        try (ResultSet r = st.executeQuery("SELECT count(*), min(l), median(l), max(l) FROM (SELECT " + length
                + " AS l FROM labelled GROUP BY " + by + ")")) {
            r.next();
            return new IngestReport.Rul(
                    m.rulFrom().json(),
                    rulName,
                    clock.unit(),
                    m.rulCap(),
                    censoredRows,
                    censoredUnits,
                    r.getLong(1),
                    r.getDouble(2),
                    r.getDouble(3),
                    r.getDouble(4));
        }
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Writes a table as Parquet with the schema in its footer: a temporary file, then a rename. */
    private static void copy(Connection db, String table, SourceSchema schema, Path target, Path work)
            throws SQLException, IOException {
        Path tmp = work.resolve(target.getFileName() + ".tmp");
        try (Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM " + table + ") TO " + Duck.literal(tmp.toString())
                    + " (FORMAT parquet, COMPRESSION zstd, KV_METADATA {"
                    + Duck.literal(SourceSchema.FOOTER_KEY) + ": " + Duck.literal(schema.toJson())
                    + ", 'fleetsynth.kind': "
                    + Duck.literal(table.equals("hold") ? "holdout" : "seed") + "})");
        }
        AtomicFiles.write(
                target, temporary -> Files.move(tmp, temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
    }

    /** The machine's id: as given, the profile's, or made from the file's name ("FD003 train.txt" is fd003_train). */
    static String machineId(IngestOptions o, Path file) {
        if (o.machineId() != null) {
            return o.machineId();
        }
        if (o.profile() != null) {
            return o.profile().machineId();
        }
        return machineIdFor(file.getFileName().toString());
    }

    /** A valid machine id made from a file's name. */
    public static String machineIdFor(String fileName) {
        String stem = fileName.replaceFirst("\\.[A-Za-z0-9]{1,8}$", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        stem = stem.length() > 64 ? stem.substring(0, 64) : stem;
        return stem.length() < 3 ? "real_" + stem + "_data" : stem;
    }

    private static List<Map<String, Object>> sample(Connection db, int rows) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet r = st.executeQuery(
                        "SELECT * EXCLUDE (" + Loader.ROW + ") FROM raw ORDER BY " + Loader.ROW + " LIMIT " + rows)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = r.getObject(i);
                    row.put(
                            r.getMetaData().getColumnName(i),
                            v == null || v instanceof Number || v instanceof Boolean ? v : v.toString());
                }
                out.add(row);
            }
        }
        return out;
    }
}
