package dev.fleetsynth.gateway.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The audit log: every state-changing API call (refused ones included) with who sent it and the
 * answer's status, written off the request's thread so that the log never slows or fails a call.
 */
@Singleton
public class Audit {
    private static final Logger LOG = Logger.getLogger(Audit.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    public record Entry(long id, Instant at, String actor, String method, String path, int status) {}

    @Inject
    DataSource dataSource;

    @Inject
    SecurityIdentity identity;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (READS.contains(request.getMethod()) || !path.startsWith("/api/")) {
            return;
        }
        Caller caller = CallerIdentityProvider.callerOf(identity);
        String actor = caller == null ? "anonymous" : caller.id();
        String method = request.getMethod();
        int status = response.getStatus();
        Instant at = Instant.now();
        Infrastructure.getDefaultWorkerPool().execute(() -> write(at, actor, method, path, status));
    }

    private void write(Instant at, String actor, String method, String path, int status) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO audit_log (at, actor, method, path, status) VALUES (?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, actor);
            s.setString(3, method);
            s.setString(4, path.length() > 500 ? path.substring(0, 500) : path);
            s.setInt(5, status);
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("audit entry not written (%s %s by %s -> %d): %s", method, path, actor, status, e.getMessage());
        }
    }

    public List<Entry> latest(int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, at, actor, method, path, status FROM audit_log ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new Entry(
                            r.getLong(1),
                            r.getTimestamp(2).toInstant(),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getInt(6)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }
}
