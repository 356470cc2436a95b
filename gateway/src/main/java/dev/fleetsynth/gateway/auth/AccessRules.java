package dev.fleetsynth.gateway.auth;

import java.util.Optional;
import java.util.Set;

/**
 * The one table of who may call what: the least role a request needs, or none for what anyone may
 * load (the dashboard's files, logging in, health probes, the API description). Anything under
 * /api, /ws and /q that is not named here needs a login: a new endpoint is closed until it is listed.
 */
public final class AccessRules {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private AccessRules() {}

    public static Optional<Role> required(String method, String path) {
        if (path.startsWith("/api/gan/auth/")
                || path.startsWith("/q/health")
                || path.startsWith("/q/openapi")
                || path.startsWith("/q/swagger-ui")) {
            return Optional.empty();
        }
        if (path.startsWith("/api/gan/users") || path.startsWith("/api/gan/audit")) {
            return Optional.of(Role.ADMIN);
        }
        if (path.startsWith("/api/") || path.startsWith("/ws/") || path.startsWith("/q/")) {
            if (READS.contains(method)) {
                return Optional.of(Role.VIEWER);
            }
            if (path.startsWith("/api/gan/keys")) {
                return Optional.of(Role.VIEWER); // anyone makes keys for their scripts, up to their own role
            }
            if (method.equals("DELETE") && path.startsWith("/api/gan/machines/")) {
                return Optional.of(Role.ADMIN);
            }
            return Optional.of(Role.OPERATOR);
        }
        return Optional.empty();
    }
}
