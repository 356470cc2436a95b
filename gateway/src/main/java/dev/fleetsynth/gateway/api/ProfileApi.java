package dev.fleetsynth.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;

/**
 * Profiles, templates and machine records, answered by profile-service. Uploads take the file as
 * multipart/form-data (field {@code file}, optional {@code pipeline}) or as the body with its
 * content type (application/json, application/yaml, or the xlsx type).
 */
@Path("/api/gan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "profiles", description = "Machine profiles, versions and templates")
public class ProfileApi {
    @Inject
    Upstream upstream;
    @Context
    UriInfo uri;

    @GET
    @Path("/templates")
    @Operation(summary = "List the profile templates (blank, one per category, chiller)")
    public Response templates() {
        return upstream.get(Service.PROFILE, "/templates");
    }

    @GET
    @Path("/templates/{name}")
    @Produces({MediaType.APPLICATION_JSON, "application/yaml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "Download a template as a profile file (?format=json|yaml|xlsx)")
    public Response template(@PathParam("name") String name) {
        return upstream.get(Service.PROFILE, Paths.withQuery("/templates/" + name, uri));
    }

    @POST
    @Path("/profiles/validate")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Validate a profile file without creating anything: every problem with its field and fix")
    public Response validate(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.forward(Service.PROFILE, "POST", "/profiles/validate", body, contentType);
    }

    @POST
    @Path("/profiles")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Upload a profile: creates its machine (same as POST /machines)")
    public Response upload(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return create(body, contentType);
    }

    @POST
    @Path("/machines")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a machine from a profile (JSON, YAML or xlsx; ?pipeline=auto to seed, train and generate by itself)")
    public Response create(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.forward(Service.PROFILE, "POST", Paths.withQuery("/machines", uri), body, contentType);
    }

    @DELETE
    @Path("/machines/{id}")
    @Operation(summary = "Delete a machine and its profile versions (its files stay in the artifact store)")
    public Response delete(@PathParam("id") String id) {
        return upstream.forward(Service.PROFILE, "DELETE", "/machines/" + id, null, null);
    }

    @GET
    @Path("/machines/{id}/profile")
    @Produces({MediaType.APPLICATION_JSON, "application/yaml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "Download the machine's current profile (?format=json|yaml|xlsx)")
    public Response profile(@PathParam("id") String id) {
        return upstream.get(Service.PROFILE, Paths.withQuery("/machines/" + id + "/profile", uri));
    }

    @PUT
    @Path("/machines/{id}/profile")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Edit the profile: validates it and adds a version (?comment=...)")
    public Response edit(@PathParam("id") String id, byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.forward(Service.PROFILE, "PUT", Paths.withQuery("/machines/" + id + "/profile", uri), body, contentType);
    }

    @GET
    @Path("/machines/{id}/versions")
    @Operation(summary = "The profile's version history, newest first")
    public Response versions(@PathParam("id") String id) {
        return upstream.get(Service.PROFILE, "/machines/" + id + "/versions");
    }

    @GET
    @Path("/machines/{id}/versions/{version}")
    @Operation(summary = "One version of the profile")
    public Response version(@PathParam("id") String id, @PathParam("version") int version) {
        return upstream.get(Service.PROFILE, "/machines/" + id + "/versions/" + version);
    }

    @POST
    @Path("/machines/{id}/versions/{version}/restore")
    @Operation(summary = "Restore a version (adds it again as the newest version)")
    public Response restore(@PathParam("id") String id, @PathParam("version") int version) {
        return upstream.forward(Service.PROFILE, "POST", "/machines/" + id + "/versions/" + version + "/restore", new byte[0],
                MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("/machines/{id}/diff")
    @Operation(summary = "Field-by-field difference between two versions (?from=N&to=M)")
    public Response diff(@PathParam("id") String id) {
        return upstream.get(Service.PROFILE, Paths.withQuery("/machines/" + id + "/diff", uri));
    }
}
