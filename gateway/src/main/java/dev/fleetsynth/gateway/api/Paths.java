package dev.fleetsynth.gateway.api;

import jakarta.ws.rs.core.UriInfo;

/** Parts of the caller's request that the gateway passes on to a service. */
final class Paths {
    private Paths() {}

    /** A query parameter of the caller's request, passed on to a service; null (not sent) when the caller gave none. */
    static String query(UriInfo uri, String name) {
        return uri.getQueryParameters().getFirst(name);
    }
}
