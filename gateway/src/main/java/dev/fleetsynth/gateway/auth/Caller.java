package dev.fleetsynth.gateway.auth;

/**
 * Who sent a request: a user (logged in) or an API key (named by its id), with the role in force.
 * {@code id} is what rate limits and the audit log count by.
 */
public record Caller(String name, Role role, Kind kind, String id) {
    public enum Kind {
        USER, KEY
    }

    public static Caller user(String username, Role role) {
        return new Caller(username, role, Kind.USER, "user:" + username);
    }

    public static Caller key(String owner, Role role, String keyId) {
        return new Caller(owner, role, Kind.KEY, "key:" + keyId);
    }
}
