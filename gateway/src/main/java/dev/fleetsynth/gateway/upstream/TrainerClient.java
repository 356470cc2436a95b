package dev.fleetsynth.gateway.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** trainer-service's API as the gateway calls it: models, training jobs, cancelling one. */
@RegisterRestClient(configKey = "trainer-service")
public interface TrainerClient {
    @GET
    @Path("/models")
    Response models(@QueryParam("machine_id") String machineId);

    @GET
    @Path("/models/{id}")
    Response model(@PathParam("id") String id);

    @GET
    @Path("/jobs")
    Response jobs(
            @QueryParam("machine_id") String machineId,
            @QueryParam("status") String status,
            @QueryParam("limit") String limit);

    @GET
    @Path("/jobs/{id}")
    Response job(@PathParam("id") String id);

    /** Its readiness, for the gateway's health page. */
    @GET
    @Path("/q/health/ready")
    Response ready();

    /** Cancels a job of the machine (one still waiting in Kafka too: the machine id names where to look). */
    @POST
    @Path("/jobs/{id}/cancel")
    Response cancel(@PathParam("id") String id, @QueryParam("machine_id") String machineId);
}
