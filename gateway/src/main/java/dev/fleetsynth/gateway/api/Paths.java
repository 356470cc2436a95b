package dev.fleetsynth.gateway.api;

import jakarta.ws.rs.core.UriInfo;

/** Builds the path and query forwarded to a service. */
final class Paths {
    private Paths() {
    }

    static String withQuery(String path, UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    static String withQuery(String path, UriInfo uri, String extra) {
        String query = uri.getRequestUri().getRawQuery();
        return path + "?" + extra + (query == null || query.isEmpty() ? "" : "&" + query);
    }

    /** A value for a query parameter, percent-encoded. */
    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
