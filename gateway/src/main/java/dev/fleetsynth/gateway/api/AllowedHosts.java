package dev.fleetsynth.gateway.api;

import dev.fleetsynth.gateway.auth.EdgeErrors;
import dev.fleetsynth.support.api.ApiError;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses requests addressed to a host name this gateway does not answer to: a page on a domain
 * the attacker points at 127.0.0.1 (DNS rebinding) reaches the gateway with its own name in
 * {@code Host} and would otherwise read the API as a same-origin page. Addresses written as IPs
 * cannot be rebound and pass (probes and users on the network reach the gateway by IP); names
 * must be localhost or listed in {@code fleetsynth.http.allowed-hosts} ("*" allows any, for a
 * gateway behind a proxy that checks names itself).
 */
@ApplicationScoped
public class AllowedHosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Inject
    EdgeErrors errors;

    @Inject
    HttpConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::check, 300);
    }

    private void check(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if (ctx.normalizedPath().startsWith("/q/health")
                || allows(host, config.allowedHosts().orElse(List.of()))) {
            ctx.next();
            return;
        }
        errors.end(
                ctx,
                421,
                new ApiError(
                        "HOST_NOT_ALLOWED",
                        "this gateway does not answer to that host name",
                        List.of(
                                new ApiError.Detail(
                                        "Host",
                                        "the name in the Host header is not one of this gateway's",
                                        "use the address ./fleetsynth up printed, or add the name to fleetsynth.http.allowed-hosts"))));
    }

    static boolean allows(String hostHeader, List<String> allowed) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return true; // HTTP/1.0 without Host: no browser sends that
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            return true; // an IPv6 literal
        }
        int colon = h.lastIndexOf(':');
        name = colon >= 0 ? h.substring(0, colon) : h;
        if (IPV4.matcher(name).matches() || name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        return allowed.stream()
                .map(a -> a.trim().toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals("*") || a.equals(name));
    }
}
