package dev.fleetsynth.profile.machine;

import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileFormat;
import dev.fleetsynth.profile.intake.ProfileIntake;
import dev.fleetsynth.profile.intake.Uploads;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.api.RequestValues;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/machines")
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    MachineService machines;

    @Inject
    ProfileIntake intake;

    @GET
    public List<MachineView> list(@QueryParam("category") String category) {
        return machines.list(category);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(
            responseCode = "201",
            description = "the machine",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MachineView.class)))
    public Response createFromUpload(@RestForm("file") FileUpload file, @RestForm("pipeline") String pipeline) {
        Uploads.Upload upload = Uploads.read(file);
        MachineProfile profile = intake.requireValid(upload.content(), upload.fileName(), upload.contentType());
        return created(machines.create(profile, RequestValues.pipeline(pipeline), "user"));
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", XLSX})
    @APIResponse(
            responseCode = "201",
            description = "the machine",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MachineView.class)))
    public Response createFromBody(
            byte[] body, @HeaderParam("Content-Type") String contentType, @QueryParam("pipeline") String pipeline) {
        MachineProfile profile = intake.requireValid(body, null, contentType);
        return created(machines.create(profile, RequestValues.pipeline(pipeline), "user"));
    }

    @GET
    @Path("/{id}")
    public MachineView get(@PathParam("id") String id) {
        return machines.get(id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        machines.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/profile")
    @Produces({MediaType.APPLICATION_JSON, "application/yaml", XLSX})
    @APIResponse(
            responseCode = "200",
            description = "the current profile (JSON; YAML and Excel as files)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Profile")))
    public Response profile(@PathParam("id") String id, @QueryParam("format") @DefaultValue("json") String format) {
        ProfileFormat f = ProfileFormat.fromName(format)
                .orElseThrow(() ->
                        ApiException.badRequest("format", "unknown format '" + format + "'", "use json, yaml or xlsx"));
        return Response.ok(machines.write(machines.currentProfile(id), f))
                .type(f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + id + "." + f.extension() + "\"")
                .build();
    }

    @PUT
    @Path("/{id}/profile")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public MachineView editFromUpload(
            @PathParam("id") String id, @RestForm("file") FileUpload file, @RestForm("comment") String comment) {
        Uploads.Upload upload = Uploads.read(file);
        return machines.edit(
                id, intake.requireValid(upload.content(), upload.fileName(), upload.contentType()), comment);
    }

    @PUT
    @Path("/{id}/profile")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", XLSX})
    public MachineView editFromBody(
            @PathParam("id") String id,
            byte[] body,
            @HeaderParam("Content-Type") String contentType,
            @QueryParam("comment") String comment) {
        return machines.edit(id, intake.requireValid(body, null, contentType), comment);
    }

    @GET
    @Path("/{id}/versions")
    public List<MachineService.VersionView> versions(@PathParam("id") String id) {
        return machines.versions(id);
    }

    @GET
    @Path("/{id}/versions/{version}")
    public MachineService.VersionView version(@PathParam("id") String id, @PathParam("version") int version) {
        return machines.version(id, version);
    }

    @POST
    @Path("/{id}/versions/{version}/restore")
    public MachineView restore(@PathParam("id") String id, @PathParam("version") int version) {
        return machines.restore(id, version);
    }

    @GET
    @Path("/{id}/diff")
    public MachineService.Diff diff(
            @PathParam("id") String id, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        if (from == null || to == null) {
            throw ApiException.badRequest(
                    from == null ? "from" : "to",
                    "both versions to compare are needed",
                    "add ?from=N&to=M (see GET /machines/" + id + "/versions)");
        }
        return machines.diff(id, from, to);
    }

    private static Response created(MachineView view) {
        return Response.status(201)
                .entity(view)
                .header("Location", "/machines/" + view.machineId())
                .build();
    }
}
