package dev.fleetsynth.bench;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.catalog.Categories;
import dev.fleetsynth.engine.ingest.ColumnMapping;
import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.ingest.IngestException;
import dev.fleetsynth.engine.ingest.IngestOptions;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.io.Duck;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Ingestion of a large CSV export ({@code bench/run ingest [--megabytes M] [--repeat R]}): a file of
 * about {@code M} MB (units running to failure, a cycle counter, 20 readings, a grade and an alarm
 * flag), generated once and kept in the temporary directory, brought in by {@link Ingest#run}
 * {@code R} times; beside it, timed in the same run, DuckDB alone reading the same file into a table
 * ({@code CREATE TABLE AS SELECT * FROM read_csv(...)}), the floor any ingestion through DuckDB
 * stands on. bench/run gives this benchmark a 1 GB heap ({@code -Xmx1g}); target
 * {@value #TARGET_S} s for 500 MB. Also prints how well column names of real exports find their
 * catalog sensors (the engine's test fixture {@code column-names.csv}, through {@link Ingest#preview}).
 */
final class IngestBench {
    static final double TARGET_S = 60;
    static final int TARGET_MB = 500;
    static final int SENSORS = 20;
    /** Bumped when the generated file's layout changes, so that an old cached file is not reused. */
    private static final int LAYOUT = 1;

    private IngestBench() {}

    static void run(PrintStream out, int megabytes, int repeat) throws Exception {
        out.printf(
                Locale.ROOT,
                "Fleetsynth ingest benchmark: java %s, %d cores, heap limit %d MB%n%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        long t0 = System.nanoTime();
        Path csv = csv(megabytes);
        out.printf(
                Locale.ROOT,
                "  input: %s, %.1f MB (%s in %.1f s)%n",
                csv,
                Files.size(csv) / 1e6,
                (System.nanoTime() - t0) > 1e9 ? "generated" : "cached",
                (System.nanoTime() - t0) / 1e9);

        Harness harness = new Harness(0, repeat);
        Path work = Files.createTempDirectory("fleetsynth-bench-ingest-run");
        try {
            long[] rows = new long[1];
            Harness.Timing baseline = harness.time("baseline: DuckDB read_csv into a table", () -> {
                try (Connection db = Duck.open(work.resolve("spill"));
                        Statement st = db.createStatement()) {
                    st.execute("CREATE TABLE t AS SELECT * FROM read_csv(" + Duck.literal(csv.toString()) + ")");
                    try (ResultSet r = st.executeQuery("SELECT count(*) FROM t")) {
                        r.next();
                        rows[0] = r.getLong(1);
                        return rows[0];
                    }
                }
            });
            Ingest.Result[] last = new Ingest.Result[1];
            Harness.Timing ingest = harness.time("Ingest.run (profile, roles, clean, RUL, split)", () -> {
                Path dir = work.resolve("out");
                AtomicFiles.deleteTree(dir);
                last[0] = Ingest.run(csv, IngestOptions.defaults(), dir, ProgressListener.NONE);
                return last[0];
            });
            out.println(baseline.line());
            out.println(ingest.line());
            var report = last[0].report();
            out.printf(
                    Locale.ROOT,
                    "  %,d rows read (DuckDB alone: %,d), %,d written, %,d held out (%d of %d units); RUL from %s, %d lives%n",
                    report.rowsRead(),
                    rows[0],
                    report.rowsWritten(),
                    report.rowsHeldOut(),
                    report.unitsHeldOut().size(),
                    report.units(),
                    report.rul().from(),
                    report.rul().lives());
            out.printf(
                    Locale.ROOT,
                    "  seed.parquet %.1f MB, holdout.parquet %.1f MB%n",
                    Files.size(last[0].seed()) / 1048576.0,
                    Files.size(last[0].holdout()) / 1048576.0);
            out.printf(Locale.ROOT, "  ratio to baseline %.2fx", ingest.median() / baseline.median());
            if (megabytes == TARGET_MB) {
                out.printf(
                        Locale.ROOT,
                        "; target %.0f s for %d MB: %s",
                        TARGET_S,
                        TARGET_MB,
                        ingest.median() <= TARGET_S ? "met" : "MISSED");
            }
            out.printf(Locale.ROOT, "%n%n");
        } finally {
            AtomicFiles.deleteTree(work);
        }
        nameAccuracy(out);
    }

    /** The benchmark's input, generated on first use and kept in the temporary directory for later runs. */
    static Path csv(int megabytes) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "fleetsynth-bench-ingest");
        Files.createDirectories(dir);
        Path file = dir.resolve("export-" + megabytes + "mb-v" + LAYOUT + "d" + ".csv");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path tmp = Files.createTempFile(dir, "export-", ".csv.tmp");
        try {
            // Megabytes of 10^6 bytes, as file sizes are quoted: 500 MB sits just under the 500 MiB limit.
            write(tmp, (long) megabytes * 1_000_000L);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Writes whole units until the file reaches {@code bytes}: each runs 150 to 350 cycles; its
     * readings drift with wear plus noise, one reading is a whole-number speed, the grade is A/B/C and
     * the alarm is 1 on the last cycle.
     */
    static void write(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        double[] base = new double[SENSORS];
        double[] drift = new double[SENSORS];
        double[] noise = new double[SENSORS];
        for (int j = 0; j < SENSORS; j++) {
            base[j] = 10 + random.nextDouble() * 500;
            drift[j] = (random.nextDouble() - 0.3) * 0.1 * base[j];
            noise[j] = 0.005 * base[j];
        }
        StringBuilder line = new StringBuilder(256);
        line.append("unit,cycle");
        for (int j = 1; j <= SENSORS; j++) {
            line.append(j == 7 ? ",speed_rpm" : String.format(Locale.ROOT, ",sensor_%02d", j));
        }
        line.append(",grade,alarm\n");
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] header = line.toString().getBytes(StandardCharsets.US_ASCII);
            out.write(header);
            written += header.length;
            for (int unit = 1; written < bytes; unit++) {
                int life = 150 + random.nextInt(201);
                for (int c = 1; c <= life; c++) {
                    double wear = (double) c / life;
                    line.setLength(0);
                    line.append(unit).append(',').append(c);
                    for (int j = 0; j < SENSORS; j++) {
                        double v = base[j] + drift[j] * wear * wear + noise[j] * gaussian(random);
                        line.append(',');
                        if (j == 6) {
                            line.append(Math.round(v * 10));
                        } else {
                            fixed3(line, v);
                        }
                    }
                    double g = random.nextDouble();
                    line.append(',')
                            .append(g < 0.6 ? 'A' : g < 0.9 ? 'B' : 'C')
                            .append(',')
                            .append(c == life ? '1' : '0')
                            .append('\n');
                    for (int k = 0; k < line.length(); k++) {
                        out.write(line.charAt(k));
                    }
                    written += line.length();
                }
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Sum of uniforms: close enough to normal for benchmark data, and much faster than Box-Muller.
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += random.nextDouble();
        }
        return (s - 2) * Math.sqrt(3);
    }

    /** Appends {@code v} with three decimals, without String.format (which would dominate the generation). */
    private static void fixed3(StringBuilder b, double v) {
        long scaled = Math.round(v * 1000);
        if (scaled < 0) {
            b.append('-');
            scaled = -scaled;
        }
        b.append(scaled / 1000).append('.');
        long frac = scaled % 1000;
        if (frac < 100) {
            b.append('0');
        }
        if (frac < 10) {
            b.append('0');
        }
        b.append(frac);
    }

    /**
     * The share of the fixture's column names mapped onto the right sensor of their category (or onto
     * none, for names the category has no sensor for): each export of the fixture is written as a
     * small CSV with its columns and previewed with the category's profile, as a user's file is.
     */
    static void nameAccuracy(PrintStream out) throws IOException {
        Path fixture = Path.of(
                System.getProperty("fleetsynth.root", "."), "engine", "src", "test", "resources", "column-names.csv");
        if (!Files.isRegularFile(fixture)) {
            out.println("NameMatcher accuracy: fixture not found at " + fixture + " (run through bench/run)");
            return;
        }
        Map<String, List<String[]>> exports = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(fixture.toFile())) {
            while (rows.hasNext()) {
                Map<String, String> r = rows.next();
                exports.computeIfAbsent(r.get("export"), k -> new ArrayList<>())
                        .add(new String[] {r.get("category"), r.get("column"), r.get("expected")});
            }
        }
        int right = 0;
        int total = 0;
        List<String> misses = new ArrayList<>();
        Path dir = Files.createTempDirectory("fleetsynth-bench-names");
        try {
            for (Map.Entry<String, List<String[]>> e : exports.entrySet()) {
                List<String[]> cases = e.getValue();
                String category = cases.get(0)[0];
                Path file = dir.resolve(e.getKey() + ".csv");
                SplittableRandom random = new SplittableRandom(7);
                StringBuilder b = new StringBuilder();
                b.append(String.join(
                                ",",
                                cases.stream()
                                        .map(c -> '"' + c[1].replace("\"", "\"\"") + '"')
                                        .toList()))
                        .append('\n');
                for (int i = 0; i < 40; i++) {
                    for (int k = 0; k < cases.size(); k++) {
                        b.append(k == 0 ? "" : ",");
                        fixed3(b, 10 + random.nextDouble() * 90);
                    }
                    b.append('\n');
                }
                Files.writeString(file, b);
                var profile = Categories.byName(category).orElseThrow().profile("bench_" + category, "", "", Map.of());
                ColumnMapping mapping;
                try {
                    mapping = Ingest.preview(file, IngestOptions.defaults().withProfile(profile))
                            .mapping();
                } catch (IngestException ex) {
                    out.println("  " + e.getKey() + ": " + ex.getMessage());
                    continue;
                }
                for (String[] c : cases) {
                    ColumnMapping.Entry entry = mapping.entry(c[1]).orElseThrow();
                    String got = entry.target().equals(entry.source()) ? "" : entry.target();
                    total++;
                    if (got.equals(c[2])) {
                        right++;
                    } else {
                        misses.add(e.getKey() + ": '" + c[1] + "' -> " + (got.isEmpty() ? "nothing" : got)
                                + ", expected " + (c[2].isEmpty() ? "nothing" : c[2]));
                    }
                }
            }
        } finally {
            AtomicFiles.deleteTree(dir);
        }
        out.printf(
                Locale.ROOT,
                "NameMatcher accuracy on %s: %d of %d column names mapped right, %.1f %%%n",
                fixture.getFileName(),
                right,
                total,
                100.0 * right / Math.max(1, total));
        misses.forEach(m -> out.println("  miss: " + m));
    }
}
