package dev.fleetsynth.profile.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileTree;
import dev.fleetsynth.support.api.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Validation without side effects: every problem with its path and fix, and the parsed profile. */
@Path("/profiles/validate")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {
    @Schema(requiredProperties = {"valid", "problems"})
    public record Validation(
            boolean valid,
            String format,
            List<ApiError.Detail> problems,

            @Schema(ref = "Profile") JsonNode profile) {}

    @Inject
    ProfileIntake intake;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Validation validateUpload(@RestForm("file") FileUpload file) {
        Uploads.Upload upload = Uploads.read(file);
        return validation(intake.read(upload.content(), upload.fileName(), upload.contentType()));
    }

    @POST
    @Consumes({
        MediaType.APPLICATION_JSON,
        "application/yaml",
        "application/x-yaml",
        "text/yaml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    })
    public Validation validateBody(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return validation(intake.read(body, null, contentType));
    }

    private static Validation validation(ProfileRead read) {
        if (read instanceof ProfileRead.Valid v) {
            return new Validation(true, v.format().extension(), List.of(), ProfileTree.toTree(v.profile()));
        }
        return new Validation(
                false,
                null,
                ((ProfileRead.Invalid) read)
                        .problems().stream()
                                .map(p -> new ApiError.Detail(p.path(), p.message(), p.suggestion()))
                                .toList(),
                null);
    }
}
