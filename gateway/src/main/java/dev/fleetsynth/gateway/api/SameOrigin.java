package dev.fleetsynth.gateway.api;

import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * No writes from other sites. A browser names the page's origin on every write it sends (the
 * {@code Origin} header, else the {@code Referer}); a write whose page is not this gateway's own
 * address (or one configured in {@code fleetsynth.http.allowed-origins}) is a 403 before it reaches
 * a resource: a page elsewhere posted a multipart form here and created a machine, or cancelled a
 * training. Scripts send neither header and are not browsers; they are let through here.
 */
@Provider
@PreMatching
public class SameOrigin implements ContainerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** Looked up at the first request: Quarkus makes its JAX-RS providers before the runtime configuration is there. */
    @Inject
    jakarta.inject.Provider<HttpConfig> config;

    @Override
    public void filter(ContainerRequestContext ctx) {
        if (SAFE.contains(ctx.getMethod())) {
            return;
        }
        String origin = ctx.getHeaderString("Origin");
        String page = origin != null ? origin : ctx.getHeaderString("Referer");
        if (page != null
                && !allows(
                        page,
                        ctx.getHeaderString("Host"),
                        config.get().allowedOrigins().orElse(List.of()))) {
            ctx.abortWith(new ApiException(
                            403,
                            new ApiError(
                                    "CROSS_ORIGIN",
                                    "a write from another site is refused",
                                    List.of(
                                            new ApiError.Detail(
                                                    origin != null ? "Origin" : "Referer",
                                                    "'" + page + "' is not this dashboard's address",
                                                    "use the dashboard at this address, or a script; a site of yours goes in fleetsynth.http.allowed-origins"))))
                    .toResponse());
        }
    }

    /** Whether a page at {@code page} (an origin or a full address) may write here, reached as {@code host}. */
    static boolean allows(String page, String host, List<String> allowed) {
        String origin = origin(page);
        if (origin == null) {
            return false; // "null" (a sandboxed page or a file) and anything unparsable
        }
        if (allowed.stream().map(SameOrigin::origin).anyMatch(origin::equals)) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        // the Host header leaves the port out where it is the scheme's own
        String scheme = origin.substring(0, origin.indexOf(':'));
        String h = host.trim().toLowerCase(Locale.ROOT);
        return origin.equals(
                h.matches(".*:[0-9]+$") ? scheme + "://" + h : scheme + "://" + h + ":" + defaultPort(scheme));
    }

    /** {@code scheme://host:port} of an address, the port always written; {@code null} when it has no host. */
    static String origin(String address) {
        URI uri;
        try {
            uri = URI.create(address.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":"
                + (uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme));
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
