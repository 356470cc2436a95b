package dev.fleetsynth.gateway.ratelimit;

import dev.fleetsynth.gateway.auth.Caller;
import dev.fleetsynth.gateway.auth.CallerIdentityProvider;
import dev.fleetsynth.support.api.ApiError;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * At most N API calls per caller per minute, counted in Redis so that all gateway replicas share
 * the count (fixed one-minute windows). A caller is the logged-in user or the API key; only
 * requests without a login are counted by their address (behind an ingress every user would
 * otherwise share one count, and one machine could use many addresses). Health checks, WebSockets and the
 * dashboard's files are not REST calls and are not counted. If Redis does not answer, calls pass:
 * an outage of the limiter must not become an outage of the API.
 */
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RateLimitConfig config;

    /** The windows' clock; a test sets its own rather than waiting for a window to begin. */
    @Inject
    Clock clock;

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> limit(HttpServerRequest request, RoutingContext routing) {
        int perMinute = config.perMinute();
        if (perMinute <= 0 || !request.path().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        // the identity the security layer attached to this very request (it has run before any filter)
        Caller caller = routing.user() instanceof QuarkusHttpUser user
                ? CallerIdentityProvider.callerOf(user.getSecurityIdentity())
                : null;
        return count(request, caller, perMinute);
    }

    private Uni<Response> count(HttpServerRequest request, Caller caller, int perMinute) {
        long now = clock.instant().getEpochSecond();
        long window = now / 60;
        String client = caller != null
                ? caller.id()
                : "address:"
                        + (request.remoteAddress() == null
                                ? "unknown"
                                : request.remoteAddress().hostAddress());
        String key = "fleetsynth:rate:" + client + ":" + window;
        return redis.value(Long.class)
                .incr(key)
                .call(count -> count == 1
                        ? redis.key().expire(key, 61)
                        : Uni.createFrom().item(true))
                .map(count -> {
                    if (count <= perMinute) {
                        return (Response) null;
                    }
                    long retryAfter = Math.max(1, (window + 1) * 60 - now);
                    return Response.status(429)
                            .header("Retry-After", retryAfter)
                            .type("application/json")
                            .entity(
                                    new ApiError(
                                            "RATE_LIMITED",
                                            "more than " + perMinute + " requests in a minute from " + client,
                                            List.of(
                                                    new ApiError.Detail(
                                                            "(client)",
                                                            "rate limit reached",
                                                            "wait " + retryAfter
                                                                    + " s (Retry-After) and send fewer requests; use the WebSockets for progress instead of polling"))))
                            .build();
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("rate limiter unavailable, letting the call through: %s", e.getMessage());
                    return null;
                });
    }
}
