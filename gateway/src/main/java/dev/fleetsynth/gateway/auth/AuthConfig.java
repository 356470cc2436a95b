package dev.fleetsynth.gateway.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Logins, tokens and keys. */
@ConfigMapping(prefix = "fleetsynth.auth")
public interface AuthConfig {
    /**
     * Where the token signing key pair lives (made on first start when absent, readable only by its
     * owner); every gateway replica must see the same pair (a Kubernetes secret).
     */
    @WithName("key-dir")
    @WithDefault("data/auth")
    String keyDir();

    /** How long a login lasts. */
    @WithName("token-lifetime")
    @WithDefault("PT12H")
    Duration tokenLifetime();

    /** How long a user's or key's role is remembered before it is read again (a demotion takes effect within this). */
    @WithName("cache-for")
    @WithDefault("PT10S")
    Duration cacheFor();

    /** Failed logins of one user name in a quarter of an hour before its logins are refused for that time. */
    @WithName("max-failed-logins")
    @WithDefault("10")
    int maxFailedLogins();

    /**
     * The password of the first user, admin, on first start (FLEETSYNTH_ADMIN_PASSWORD); without
     * it one is generated, printed once and kept in the key directory.
     */
    @WithName("admin-password")
    Optional<String> adminPassword();
}
