package dev.fleetsynth.gateway.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Bearer tokens of an outside identity provider (OpenID Connect: Keycloak, Entra ID, Dex...), for a
 * team that logs in there rather than with Fleetsynth's own users. A token is taken when the
 * provider signed it (its published keys, read by smallrye-jwt from a JWKS address and refreshed,
 * or a PEM file), names the configured issuer and audience (both required) and has not expired; its
 * roles claim says viewer, operator or admin. There is no account here: the token's role is in
 * force until it expires, so the provider decides, and a token without a Fleetsynth role is refused.
 * Off unless {@code fleetsynth.auth.oidc.issuer} is set.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // a configuration mistake stops the start, not the first login
public class OidcTokens {
    private static final Logger LOG = Logger.getLogger(OidcTokens.class);

    @Inject
    AuthConfig config;

    private DefaultJWTParser parser;

    @PostConstruct
    void load() {
        AuthConfig.Oidc oidc = config.oidc();
        if (oidc.issuer().isEmpty()) {
            return;
        }
        String keys = oidc.publicKeyLocation()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "fleetsynth.auth.oidc.issuer is set without fleetsynth.auth.oidc.public-key-location (the provider's JWKS address)"));
        // Without an audience, a token the provider signed for any of its other applications would do.
        String audience = oidc.audience()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "fleetsynth.auth.oidc.issuer is set without fleetsynth.auth.oidc.audience (the client id the provider's tokens name for Fleetsynth)"));
        JWTAuthContextInfo info = new JWTAuthContextInfo(keys, oidc.issuer().get());
        info.setExpectedAudience(Set.of(audience));
        parser = new DefaultJWTParser(info);
        LOG.infof("taking the tokens of %s (keys at %s)", oidc.issuer().get(), keys);
    }

    /** The caller a valid token of the provider names, with its strongest Fleetsynth role; empty for anything else. */
    public Optional<Caller> verify(String token) {
        if (parser == null) {
            return Optional.empty();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            return Optional.empty();
        }
        AuthConfig.Oidc oidc = config.oidc();
        Optional<Role> role = values(jwt.getClaim(oidc.rolesClaim())).stream()
                .map(Role::parse)
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (role.isEmpty()) {
            LOG.debugf("a token of %s without a Fleetsynth role in %s", jwt.getSubject(), oidc.rolesClaim());
            return Optional.empty();
        }
        Object named = jwt.getClaim(oidc.usernameClaim());
        String name = named == null ? jwt.getSubject() : String.valueOf(named).replace("\"", "");
        return Optional.of(Caller.oidc(name, role.get(), jwt.getSubject()));
    }

    /** A claim's values: a JSON array, a collection or one string. */
    private static List<String> values(Object claim) {
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.stream()
                    .map(v -> v instanceof jakarta.json.JsonString s ? s.getString() : v.toString())
                    .toList();
        }
        if (claim instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim).replace("\"", ""));
    }
}
