package dev.fleetsynth.engine.io;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An embedded DuckDB for reading, typing and profiling tabular files. Each connection is its own
 * in-memory database: nothing is shared between callers, and it is gone when closed. Extensions are
 * never installed or loaded at run time (the JSON and Parquet readers are built in), so nothing is
 * downloaded; past its memory limit DuckDB spills to {@code spill}, which keeps a 500 MB file within
 * a bounded footprint.
 */
public final class Duck {
    /** DuckDB's own memory ceiling per connection, outside the JVM heap. */
    public static final String DEFAULT_MEMORY_LIMIT = "512MB";

    private Duck() {}

    public static Connection open(Path spill) throws SQLException {
        return open(spill, DEFAULT_MEMORY_LIMIT);
    }

    public static Connection open(Path spill, String memoryLimit) throws SQLException {
        return open(spill, memoryLimit, 2);
    }

    /** As {@link #open(Path, String)} with a number of threads: one thread needs less memory at its peak. */
    public static Connection open(Path spill, String memoryLimit, int threads) throws SQLException {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        // Two threads: the machines this runs on have two cores and other work beside it.
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("memory_limit", memoryLimit);
        if (spill != null) {
            p.setProperty("temp_directory", spill.toString());
        }
        Connection c = DriverManager.getConnection("jdbc:duckdb:", p);
        try (Statement s = c.createStatement()) {
            s.execute("SET preserve_insertion_order = true");
            // Timestamps without a zone are read as UTC wherever the process runs.
            s.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Whether DuckDB ran out of its memory (an operator that could not spill), which a second try on one thread avoids. */
    public static boolean outOfMemory(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Out of Memory") || m.contains("failed to pin block") || m.contains("could not allocate");
    }

    /** A string as an SQL literal. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A name as an SQL identifier, whatever characters it holds. */
    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * DuckDB's message without its error class prefix ("Invalid Input Error: ") or the Java
     * exception's, and on one line: what a user can act on.
     */
    public static String reason(SQLException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage();
        m = m.replaceFirst("^[A-Za-z ]*(Error|Exception): ", "");
        int cut = m.indexOf("\n\n");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        return m.replace('\n', ' ').strip();
    }
}
