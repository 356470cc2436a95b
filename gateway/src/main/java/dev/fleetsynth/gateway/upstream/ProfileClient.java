package dev.fleetsynth.gateway.upstream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * profile-service's API as the gateway calls it. Answers are {@link Response}s, read or relayed by
 * {@link Upstream} (which adds the circuit breaker and the retries); a profile goes as the caller's
 * bytes with the caller's content type (JSON, YAML or xlsx). A parameter left null is not sent.
 */
@RegisterRestClient(configKey = "profile-service")
public interface ProfileClient {
    @GET
    @Path("/machines")
    Response machines(@QueryParam("category") String category);

    @GET
    @Path("/machines/{id}")
    Response machine(@PathParam("id") String id);

    @POST
    @Path("/machines")
    @Consumes(MediaType.WILDCARD)
    Response create(
            @QueryParam("pipeline") String pipeline, @HeaderParam("Content-Type") String contentType, byte[] profile);

    @DELETE
    @Path("/machines/{id}")
    Response delete(@PathParam("id") String id);

    @GET
    @Path("/machines/{id}/profile")
    Response profile(@PathParam("id") String id, @QueryParam("format") String format);

    @PUT
    @Path("/machines/{id}/profile")
    @Consumes(MediaType.WILDCARD)
    Response edit(
            @PathParam("id") String id,
            @QueryParam("comment") String comment,
            @HeaderParam("Content-Type") String contentType,
            byte[] profile);

    @GET
    @Path("/machines/{id}/versions")
    Response versions(@PathParam("id") String id);

    @GET
    @Path("/machines/{id}/versions/{version}")
    Response version(@PathParam("id") String id, @PathParam("version") int version);

    @POST
    @Path("/machines/{id}/versions/{version}/restore")
    Response restore(@PathParam("id") String id, @PathParam("version") int version);

    @GET
    @Path("/machines/{id}/diff")
    Response diff(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/templates")
    Response templates();

    @GET
    @Path("/templates/{name}")
    Response template(@PathParam("name") String name, @QueryParam("format") String format);

    @POST
    @Path("/profiles/validate")
    @Consumes(MediaType.WILDCARD)
    Response validate(@HeaderParam("Content-Type") String contentType, byte[] profile);

    /** Its readiness, for the gateway's health page. */
    @GET
    @Path("/q/health/ready")
    Response ready();
}
