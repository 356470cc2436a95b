package dev.fleetsynth.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * A body declared larger than the gateway takes is a 413 in the API's error shape before a byte of
 * it is read (the HTTP layer's own 413 has no body). Bodies sent without a length are still cut
 * at the limit by that layer.
 */
@ApplicationScoped
public class BodyLimit {
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
        ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                .end("{\"code\":\"TOO_LARGE\",\"message\":\"the body is " + declared + " bytes; the gateway takes at most "
                        + max.asLongValue() + "\",\"details\":[{\"field\":\"(body)\",\"message\":\"over the request size limit\","
                        + "\"fix\":\"send a smaller body; data files go in chunks through /api/gan/uploads\"}]}");
    }
}
