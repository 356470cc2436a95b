package dev.fleetsynth.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;

@Path("/api/gan/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthApi {
    public record Health(String status, Map<String, String> services) {
    }

    @Inject
    Upstream upstream;

    @GET
    @Operation(summary = "Whether the gateway and every service are ready (503 when one is not)")
    public Response health() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("gateway", "UP");
        boolean allUp = true;
        for (Service s : Service.values()) {
            boolean up = upstream.ready(s);
            allUp &= up;
            services.put(s.label(), up ? "UP" : "DOWN");
        }
        return Response.status(allUp ? 200 : 503).entity(new Health(allUp ? "UP" : "DOWN", services)).build();
    }
}
