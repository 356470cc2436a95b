package dev.fleetsynth.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

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

    /** An outside identity provider whose tokens are taken too (OpenID Connect, e.g. on Kubernetes); off without an issuer. */
    Oidc oidc();

    interface Oidc {
        /** The provider's issuer, as its tokens' {@code iss} names it. */
        Optional<String> issuer();

        /** Where the provider's signing keys are: its JWKS address, or a PEM file; needed with an issuer. */
        @WithName("public-key-location")
        Optional<String> publicKeyLocation();

        /** The audience the tokens must name ({@code aud}): Fleetsynth's client id at the provider; needed with an issuer. */
        Optional<String> audience();

        /** The claim that lists the user's roles; a value viewer, operator or admin gives that role (the strongest wins). */
        @WithName("roles-claim")
        @WithDefault("groups")
        String rolesClaim();

        /** The claim that names the user (the subject when the token lacks it). */
        @WithName("username-claim")
        @WithDefault("preferred_username")
        String usernameClaim();
    }
}
