package dev.fleetsynth.gateway.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user or key may do. Each role holds the ones below it: a viewer reads, an operator also
 * runs jobs and uploads, an admin also manages users, deletes machines and reads the audit log.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** The name in the API, in tokens and in the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** This role and every role it holds, as the security identity's roles. */
    public Set<String> granted() {
        return Arrays.stream(values()).filter(this::includes).map(Role::id).collect(Collectors.toUnmodifiableSet());
    }

    public static Optional<Role> parse(String id) {
        return id == null
                ? Optional.empty()
                : Arrays.stream(values())
                        .filter(r -> r.id().equals(id.trim().toLowerCase(Locale.ROOT)))
                        .findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
