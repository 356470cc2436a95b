package dev.fleetsynth.gateway.auth;

import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Logging in: tokens for scripts, a session cookie for the dashboard, and who is logged in. */
@Path("/api/gan/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthApi {
    public record Credentials(String username, String password) {}

    public record Token(String accessToken, String tokenType, long expiresIn) {}

    public record Me(String username, String role, String via) {}

    public record PasswordChange(String currentPassword, String newPassword) {}

    @Inject
    Accounts accounts;

    @Inject
    Tokens tokens;

    @Inject
    AuthConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    RedisDataSource redis;

    @Inject
    HttpHeaders headers;

    @POST
    @Path("/token")
    @Operation(
            summary = "A bearer token for a user name and password (send it as 'Authorization: Bearer <access_token>')")
    @APIResponse(responseCode = "200", description = "the token")
    @APIResponse(responseCode = "401", description = "wrong user name or password")
    @APIResponse(responseCode = "429", description = "too many failed logins of this user name")
    public Token token(Credentials body) {
        Caller caller = checked(body);
        return new Token(tokens.issue(caller.name(), caller.role()), "Bearer", tokens.lifetimeSeconds());
    }

    @POST
    @Path("/login")
    @Operation(summary = "The dashboard's login: sets an HttpOnly, SameSite=Strict session cookie")
    @APIResponse(responseCode = "200", description = "logged in")
    @APIResponse(responseCode = "401", description = "wrong user name or password")
    @APIResponse(responseCode = "429", description = "too many failed logins of this user name")
    public Response login(Credentials body) {
        Caller caller = checked(body);
        String token = tokens.issue(caller.name(), caller.role());
        return Response.ok(new Me(caller.name(), caller.role().id(), "session"))
                .cookie(cookie(token, (int) tokens.lifetimeSeconds()))
                .build();
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Ends the dashboard's session")
    @APIResponse(responseCode = "204", description = "logged out")
    public Response logout() {
        return Response.noContent().cookie(cookie("", 0)).build();
    }

    @GET
    @Path("/me")
    @Operation(
            summary =
                    "Who this request is from, and its role ({} when nobody is logged in: the dashboard asks before its login page)")
    @APIResponse(responseCode = "200", description = "the caller, or {}")
    public Me me() {
        Caller caller = CallerIdentityProvider.callerOf(identity);
        return caller == null
                ? new Me(null, null, null)
                : new Me(caller.name(), caller.role().id(), caller.via());
    }

    private Me loggedIn() {
        Caller caller = CallerIdentityProvider.callerOf(identity);
        if (caller == null) {
            throw new ApiException(
                    401,
                    new ApiError(
                            "UNAUTHENTICATED",
                            "not logged in",
                            List.of(new ApiError.Detail("Authorization", "no valid token, key or session", "log in"))));
        }
        return new Me(caller.name(), caller.role().id(), caller.via());
    }

    @PUT
    @Path("/password")
    @Operation(summary = "Changes the logged-in user's own password")
    @APIResponse(responseCode = "204", description = "changed")
    @APIResponse(responseCode = "400", description = "the current password is wrong or the new one too short")
    @APIResponse(responseCode = "401", description = "not logged in as a user")
    public Response password(PasswordChange body) {
        Me me = loggedIn();
        if (!"token".equals(me.via())) {
            throw new ApiException(
                    401, ApiError.of("UNAUTHENTICATED", "log in as the user, not with a key, to change a password"));
        }
        if (body == null) {
            throw ApiException.badRequest("new_password", "no body", "send {\"current_password\", \"new_password\"}");
        }
        accounts.changeOwnPassword(me.username(), body.currentPassword(), body.newPassword());
        return Response.noContent().build();
    }

    /**
     * The caller these credentials name, counting failures per user name in Redis: after
     * {@code max-failed-logins} within 15 minutes that name is refused for the rest of them
     * (guessing a password from many addresses is as slow as from one).
     */
    private Caller checked(Credentials body) {
        if (body == null) {
            throw ApiException.badRequest(
                    "username", "no credentials", "send {\"username\": \"...\", \"password\": \"...\"}");
        }
        String key = "fleetsynth:login-failures:"
                + (body.username() == null ? "" : body.username().trim());
        Long failures = failures(key);
        if (failures != null && failures >= config.maxFailedLogins()) {
            throw new ApiException(
                    429,
                    new ApiError(
                            "TOO_MANY_FAILED_LOGINS",
                            "too many failed logins for this user name",
                            List.of(new ApiError.Detail(
                                    "username",
                                    failures + " failed logins in 15 minutes",
                                    "wait 15 minutes, or ask an admin to set a new password"))),
                    900L);
        }
        try {
            return accounts.login(body.username(), body.password());
        } catch (ApiException e) {
            if (e.status() == 401) {
                try {
                    if (redis.value(Long.class).incr(key) == 1) {
                        redis.key().expire(key, 900);
                    }
                } catch (RuntimeException redisDown) {
                    // counting is protection, not a condition of logging in
                }
            }
            throw e;
        }
    }

    private Long failures(String key) {
        try {
            return redis.value(Long.class).get(key);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NewCookie cookie(String value, int maxAge) {
        String proto = headers.getHeaderString("X-Forwarded-Proto");
        boolean secure = "https".equalsIgnoreCase(proto);
        return new NewCookie.Builder(BearerMechanism.COOKIE)
                .value(value)
                .path("/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
