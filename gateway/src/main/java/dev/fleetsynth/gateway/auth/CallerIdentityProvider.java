package dev.fleetsynth.gateway.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a bearer credential into the caller's identity: its name, its roles, and the {@link Caller} itself. */
@ApplicationScoped
public class CallerIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    public static final String CALLER = "fleetsynth.caller";

    @Inject
    Accounts accounts;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String credential = request.getToken().getToken();
        return context.runBlocking(() -> accounts.resolve(credential)
                .map(caller -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(caller.name()))
                        .addRoles(caller.role().granted())
                        .addAttribute(CALLER, caller)
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("unknown or expired credential")));
    }

    /** The caller of an identity this provider made; null for an anonymous one. */
    public static Caller callerOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(CALLER);
    }
}
