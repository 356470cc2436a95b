package dev.fleetsynth.gateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.support.api.ApiError;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Refusals made before any resource runs, in the API's error shape with what to do: the security
 * layer's 401 and 403, and the HTTP layer's 413 for a body over the size limit (Quarkus answers
 * these with an empty body of its own).
 */
@ApplicationScoped
public class EdgeErrors {
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException
                || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            unauthenticated(ctx);
        } else if (failure instanceof ForbiddenException) {
            end(
                    ctx,
                    403,
                    new ApiError(
                            "FORBIDDEN",
                            "your role does not allow this",
                            List.of(
                                    new ApiError.Detail(
                                            "role",
                                            ctx.request().method().name() + " " + ctx.normalizedPath()
                                                    + " needs a stronger role",
                                            "viewers read, operators also run jobs and upload, admins also manage users and delete machines; ask an admin"))));
        } else if (ctx.statusCode() == 413) {
            end(
                    ctx,
                    413,
                    new ApiError(
                            "TOO_LARGE",
                            "the body is larger than the gateway takes",
                            List.of(new ApiError.Detail(
                                    "(body)",
                                    "over the request size limit",
                                    "send a smaller body; data files go in chunks through /api/gan/uploads"))));
        } else {
            ctx.next();
        }
    }

    /** The 401 for a request without a valid credential (also the mechanism's challenge). */
    void unauthenticated(RoutingContext ctx) {
        boolean sent = ctx.request().getHeader("Authorization") != null;
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"fleetsynth\"");
        end(
                ctx,
                401,
                new ApiError(
                        "UNAUTHENTICATED",
                        sent
                                ? "the token or API key is not valid (expired, revoked or not ours)"
                                : "this needs a login",
                        List.of(new ApiError.Detail(
                                "Authorization",
                                sent
                                        ? "the bearer credential was refused"
                                        : "no bearer token, API key or session cookie was sent",
                                "get a token with POST /api/gan/auth/token {\"username\", \"password\"} and send it as "
                                        + "'Authorization: Bearer <access_token>', or send an API key the same way"))));
    }

    /** Ends a request the HTTP layer refuses with the API's error body (also for the gateway's other filters). */
    public void end(RoutingContext ctx, int status, ApiError error) {
        String body;
        try {
            body = json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            body = "{\"code\":\"" + error.code() + "\",\"message\":\"" + error.message() + "\",\"details\":[]}";
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }
}
