package dev.fleetsynth.gateway.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the caller's credential: {@code Authorization: Bearer <token or API key>} from scripts, or
 * the dashboard's session cookie. The cookie is HttpOnly (a script in the page cannot read the
 * token), SameSite=Strict (another site's page cannot send it) and rides on the dashboard's
 * downloads and WebSockets, which a header cannot: a browser sets no headers on either. A bad
 * header is a 401; a stale cookie is no login at all, so the login page still loads.
 */
@ApplicationScoped
public class BearerMechanism implements HttpAuthenticationMechanism {
    public static final String COOKIE = "fleetsynth_session";

    @Inject
    EdgeErrors errors;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return identities.authenticate(request(header.substring(7).trim(), context));
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            return identities
                    .authenticate(request(cookie.getValue(), context))
                    .onFailure(AuthenticationFailedException.class)
                    .recoverWithNull();
        }
        return Uni.createFrom().optional(Optional.empty());
    }

    private static AuthenticationRequest request(String token, RoutingContext context) {
        return HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), context);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"fleetsynth\""));
    }

    /** The challenge with the API's error body (the default sends the status alone). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.response().ended() && !context.response().headWritten()) {
            errors.unauthenticated(context);
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
