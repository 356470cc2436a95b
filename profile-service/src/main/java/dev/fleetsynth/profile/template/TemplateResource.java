package dev.fleetsynth.profile.template;

import dev.fleetsynth.engine.catalog.Templates;
import dev.fleetsynth.engine.profile.ProfileFormat;
import dev.fleetsynth.engine.profile.ProfileWriter;
import dev.fleetsynth.support.api.ApiException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

@Path("/templates")
public class TemplateResource {
    @Schema(requiredProperties = {"name", "description", "machine_type", "sensor_count"})
    public record TemplateView(String name, String description, String machineType, int sensorCount) {}

    private final ProfileWriter writer = new ProfileWriter();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TemplateView> list() {
        return Templates.all().stream()
                .map(t -> new TemplateView(
                        t.name(),
                        t.description(),
                        t.profile().machineType(),
                        t.profile().sensors().size()))
                .toList();
    }

    /** A template as a file to start from: JSON (default), YAML or an Excel workbook. */
    @GET
    @Path("/{name}")
    @Produces({
        MediaType.APPLICATION_JSON,
        "application/yaml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    })
    @APIResponse(
            responseCode = "200",
            description = "the template's profile (JSON; YAML and Excel as files)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Profile")))
    public Response get(@PathParam("name") String name, @QueryParam("format") @DefaultValue("json") String format) {
        Templates.Template t = Templates.byName(name)
                .orElseThrow(() -> ApiException.notFound(
                        "template '" + name + "' (known: " + String.join(", ", Templates.names()) + ")"));
        ProfileFormat f = ProfileFormat.fromName(format)
                .orElseThrow(() ->
                        ApiException.badRequest("format", "unknown format '" + format + "'", "use json, yaml or xlsx"));
        return Response.ok(writer.write(t.profile(), f))
                .type(f.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + f.extension() + "\"")
                .build();
    }
}
