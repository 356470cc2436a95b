package dev.fleetsynth.gateway.api;

import dev.fleetsynth.gateway.auth.EdgeErrors;
import dev.fleetsynth.support.api.ApiError;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body declared larger than the gateway takes is a 413 in the API's error shape before a byte of
 * it is read (the HTTP layer's own 413 has no body). Bodies sent without a length are still cut
 * at the limit by that layer.
 */
@ApplicationScoped
public class BodyLimit {
    @Inject
    EdgeErrors errors;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize max;

    void register(@Observes Filters filters) {
        filters.register(this::check, 290);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= max.asLongValue()) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Connection", "close");
        errors.end(
                ctx,
                413,
                new ApiError(
                        "TOO_LARGE",
                        "the body is " + declared + " bytes; the gateway takes at most " + max.asLongValue(),
                        List.of(new ApiError.Detail(
                                "(body)",
                                "over the request size limit",
                                "send a smaller body; data files go in chunks through /api/gan/uploads"))));
    }
}
