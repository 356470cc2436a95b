package dev.fleetsynth.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from the zonky binaries on Maven Central, on 127.0.0.1. With a data
 * directory it keeps its data across restarts; without one it starts clean in a temp directory.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String DATABASE = "fleetsynth";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String password;

    private PostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    public static PostgresServer start(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(Ports.orFree(port, "PostgreSQL"))
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", dataDir == null ? "off" : "on");
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            if (Files.exists(dataDir.resolve("pg_hba.conf"))) {
                // the server starts open to its own readiness check, and is closed again below
                Files.writeString(dataDir.resolve("pg_hba.conf"), HBA_OPEN);
            }
        }
        EmbeddedPostgres started = builder.start();
        PostgresServer server = new PostgresServer(started, Secrets.random());
        server.createDatabase();
        server.requirePassword();
        return server;
    }

    private static final String HBA_OPEN = "# written by Fleetsynth while the server starts\n"
            + "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust\n";
    private static final String HBA_CLOSED =
            "# written by Fleetsynth: every connection needs the password of this start\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\nlocal all all scram-sha-256\n";

    /**
     * Gives the superuser a password made for this start and makes every connection use it:
     * initdb left the server trusting anyone who connects from this machine.
     */
    private void requirePassword() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER USER " + USER + " WITH PASSWORD '" + password + "'");
            String dir;
            try (ResultSet rs = s.executeQuery("SHOW data_directory")) {
                rs.next();
                dir = rs.getString(1);
            }
            Files.writeString(Path.of(dir).resolve("pg_hba.conf"), HBA_CLOSED);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not give PostgreSQL its password", e);
        }
    }

    public String password() {
        return password;
    }

    private void createDatabase() throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
