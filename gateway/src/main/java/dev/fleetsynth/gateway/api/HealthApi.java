package dev.fleetsynth.gateway.api;

import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/gan/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthApi {
    /** @param circuits each service's circuit breaker in the gateway: closed, open (not asked for a few seconds) or half_open */
    @Schema(requiredProperties = {"status", "services", "circuits"})
    public record Health(String status, Map<String, String> services, Map<String, String> circuits) {}

    @Inject
    Upstream upstream;

    @GET
    @Operation(summary = "Whether the gateway and every service are ready (503 when one is not)")
    @APIResponse(
            responseCode = "200",
            description = "every service ready",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Health.class)))
    @APIResponse(
            responseCode = "503",
            description = "a service is not ready: which one, and each circuit breaker",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Health.class)))
    public Response health() {
        Map<String, String> services = new LinkedHashMap<>();
        Map<String, String> circuits = new LinkedHashMap<>();
        services.put("gateway", "UP");
        boolean allUp = true;
        for (Service s : Service.values()) {
            boolean up = upstream.ready(s);
            allUp &= up;
            services.put(s.label(), up ? "UP" : "DOWN");
            circuits.put(s.label(), upstream.circuit(s));
        }
        return Response.status(allUp ? 200 : 503)
                .entity(new Health(allUp ? "UP" : "DOWN", services, circuits))
                .build();
    }
}
