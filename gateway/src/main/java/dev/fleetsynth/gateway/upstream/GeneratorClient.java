package dev.fleetsynth.gateway.upstream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * generator-service's API as the gateway calls it: datasets, their explorer views and downloads
 * (relayed as a stream: a split of millions of rows never sits whole in the gateway), comparisons,
 * cancelling a generation. A dataset is asked for under its machine, which the service checks.
 */
@RegisterRestClient(configKey = "generator-service")
public interface GeneratorClient {
    @GET
    @Path("/datasets")
    Response datasets(@QueryParam("machine_id") String machineId);

    @GET
    @Path("/datasets/{id}")
    Response dataset(@PathParam("id") String id, @QueryParam("machine_id") String machineId);

    @GET
    @Path("/datasets/{id}/{view}")
    Response view(
            @PathParam("id") String id,
            @PathParam("view") String view,
            @QueryParam("machine_id") String machineId,
            @QueryParam("split") String split,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit,
            @QueryParam("bins") String bins,
            @QueryParam("source") String source);

    @GET
    @Path("/datasets/{id}/download/{split}")
    Response download(
            @PathParam("id") String id,
            @PathParam("split") String split,
            @QueryParam("machine_id") String machineId,
            @QueryParam("format") String format);

    @GET
    @Path("/datasets/compare")
    Response compare(@QueryParam("ids") String ids, @QueryParam("reference") String reference);

    /** Its readiness, for the gateway's health page. */
    @GET
    @Path("/q/health/ready")
    Response ready();

    /** Cancels a job of the machine (one still waiting in Kafka too: the machine id names where to look). */
    @POST
    @Path("/jobs/{id}/cancel")
    Response cancel(@PathParam("id") String id, @QueryParam("machine_id") String machineId);
}
