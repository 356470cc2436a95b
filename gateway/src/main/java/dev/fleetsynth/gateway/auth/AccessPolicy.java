package dev.fleetsynth.gateway.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Applies {@link AccessRules} to every HTTP request (a policy without a name is global), WebSocket
 * upgrades and /q included: no login
 * is a 401, too small a role a 403 (both with the API's error body, see {@link EdgeErrors}).
 */
@ApplicationScoped
public class AccessPolicy implements HttpSecurityPolicy {
    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext requestContext) {
        Optional<Role> needed = AccessRules.required(request.request().method().name(), request.normalizedPath());
        if (needed.isEmpty()) {
            return CheckResult.permit();
        }
        String role = needed.get().id();
        return identity.map(
                id -> !id.isAnonymous() && id.getRoles().contains(role) ? CheckResult.PERMIT : CheckResult.DENY);
    }
}
