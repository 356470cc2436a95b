package dev.fleetsynth.gateway.api;

import dev.fleetsynth.gateway.upstream.ProfileClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Profile templates and validation, answered by profile-service. Uploads take the file as
 * multipart/form-data (field {@code file}, optional {@code pipeline}) or as the body with its
 * content type (application/json, application/yaml, or the xlsx type).
 */
@Path("/api/gan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profiles", description = "Machine profiles, versions and templates")
public class ProfileApi {
    @Inject
    Upstream upstream;

    @RestClient
    ProfileClient profiles;

    @Context
    UriInfo uri;

    @GET
    @Path("/templates")
    @Operation(summary = "List the profile templates (blank, one per category, chiller)")
    public Response templates() {
        return upstream.read(Service.PROFILE, profiles::templates);
    }

    @GET
    @Path("/templates/{name}")
    @Produces({
        MediaType.APPLICATION_JSON,
        "application/yaml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    })
    @Operation(summary = "Download a template as a profile file (?format=json|yaml|xlsx)")
    public Response template(@PathParam("name") String name) {
        return upstream.read(Service.PROFILE, () -> profiles.template(name, Paths.query(uri, "format")));
    }

    @POST
    @Path("/profiles/validate")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Validate a profile file without creating anything: every problem with its field and fix")
    public Response validate(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.write(Service.PROFILE, () -> profiles.validate(contentType, body));
    }

    @POST
    @Path("/profiles")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a profile: creates its machine (same as POST /machines)")
    public Response upload(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.write(Service.PROFILE, () -> profiles.create(Paths.query(uri, "pipeline"), contentType, body));
    }
}
