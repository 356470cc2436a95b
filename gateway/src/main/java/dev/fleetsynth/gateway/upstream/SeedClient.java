package dev.fleetsynth.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** seed-service's API as the gateway calls it: seeds, uploads and their checks, and cancelling a job. */
@RegisterRestClient(configKey = "seed-service")
public interface SeedClient {
    @GET
    @Path("/seeds")
    Response seeds(@QueryParam("machine_id") String machineId);

    @GET
    @Path("/seeds/{id}")
    Response seed(@PathParam("id") String id);

    @GET
    @Path("/seeds/{id}/rows")
    Response rows(
            @PathParam("id") String id,
            @QueryParam("cycle") String cycle,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit);

    @GET
    @Path("/seeds/{id}/report")
    Response report(@PathParam("id") String id);

    @POST
    @Path("/uploads")
    @Consumes(MediaType.APPLICATION_JSON)
    Response startUpload(JsonNode upload);

    @GET
    @Path("/uploads/{id}")
    Response upload(@PathParam("id") String id);

    @PUT
    @Path("/uploads/{id}/chunks/{index}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    Response chunk(@PathParam("id") String id, @PathParam("index") String index, byte[] bytes);

    @POST
    @Path("/uploads/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    Response preview(@PathParam("id") String id, JsonNode options);

    @POST
    @Path("/uploads/{id}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    Response check(@PathParam("id") String id, JsonNode options);

    /** Its readiness, for the gateway's health page. */
    @GET
    @Path("/q/health/ready")
    Response ready();

    /** Cancels a job of the machine (one still waiting in Kafka too: the machine id names where to look). */
    @POST
    @Path("/jobs/{id}/cancel")
    Response cancel(@PathParam("id") String id, @QueryParam("machine_id") String machineId);
}
