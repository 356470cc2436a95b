package dev.fleetsynth.gateway.auth;

/**
 * Who sent a request: a user (logged in), an API key (named by its id) or a user of the outside
 * identity provider (OpenID Connect), with the role in force. {@code id} is what rate limits and
 * the audit log count by.
 */
public record Caller(String name, Role role, Kind kind, String id) {
    public enum Kind {
        USER("token"),
        KEY("api_key"),
        OIDC("oidc");

        private final String via;

        Kind(String via) {
            this.via = via;
        }
    }

    /** How the caller came in, as /auth/me says it: token, api_key or oidc. */
    public String via() {
        return kind.via;
    }

    public static Caller user(String username, Role role) {
        return new Caller(username, role, Kind.USER, "user:" + username);
    }

    public static Caller key(String owner, Role role, String keyId) {
        return new Caller(owner, role, Kind.KEY, "key:" + keyId);
    }

    /** A user of the identity provider: no account here; the role comes from the provider's token. */
    public static Caller oidc(String username, Role role, String subject) {
        return new Caller(username, role, Kind.OIDC, "oidc:" + subject);
    }
}
