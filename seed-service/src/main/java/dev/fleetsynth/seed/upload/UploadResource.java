package dev.fleetsynth.seed.upload;

import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.ingest.IngestException;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Users' data files: uploaded in chunks, previewed (formats read, columns profiled, roles and the
 * column mapping suggested, nothing written), then ingested by a seed job (seed.requested with
 * source real), which the gateway starts with the request this resource checks.
 */
@Path("/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class UploadResource {
    @Inject
    Uploads uploads;

    @Inject
    ArtifactStore store;

    /** The size and name of a file to upload. */
    public record NewUpload(String fileName, Long bytes) {}

    /** What a preview shows, and the request to ingest with (a checked, complete copy of the caller's). */
    @Schema(requiredProperties = {"upload_id", "ingest_request"})
    public record Checked(String uploadId, String ingestRequest) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(
            responseCode = "201",
            description = "the upload, to send in chunks",
            content =
                    @Content(
                            mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Uploads.Created.class)))
    public Response create(NewUpload request) {
        if (request == null) {
            throw ApiException.badRequest("body", "the body is empty", "send {\"file_name\": ..., \"bytes\": ...}");
        }
        return Response.status(201)
                .entity(uploads.create(request.fileName(), request.bytes()))
                .build();
    }

    @GET
    @Path("/{upload_id}")
    public Uploads.Status status(@PathParam("upload_id") String uploadId) {
        return uploads.status(uploadId);
    }

    @PUT
    @Path("/{upload_id}/chunks/{index}")
    @Consumes(MediaType.WILDCARD)
    public Uploads.Status chunk(
            @PathParam("upload_id") String uploadId, @PathParam("index") String index, byte[] body) {
        return uploads.put(uploadId, index, body);
    }

    /** Reads and profiles the upload and suggests roles and the mapping; writes nothing but the joined file. */
    @POST
    @Path("/{upload_id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public Ingest.Preview preview(@PathParam("upload_id") String uploadId, IngestRequest request) {
        IngestRequest r = request == null
                ? new IngestRequest(
                        uploadId, null, null, null, null, null, null, null, null, null, null, null, null, null)
                : request;
        java.nio.file.Path data = uploads.data(uploadId);
        try {
            return Ingest.preview(data, options(r, uploadId));
        } catch (IngestException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Checks an ingest request against its upload (complete, options in range, profile readable) and returns it complete. */
    @POST
    @Path("/{upload_id}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    public Checked check(@PathParam("upload_id") String uploadId, IngestRequest request) {
        if (request == null) {
            throw ApiException.badRequest(
                    "body", "the body is empty", "send the ingest options, e.g. {} for all detected");
        }
        uploads.data(uploadId);
        try {
            options(request, uploadId);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IngestRequest complete = new IngestRequest(
                uploadId,
                request.columns(),
                request.sheet(),
                request.unit(),
                request.order(),
                request.rul(),
                request.rulFromEnd(),
                request.rulCap(),
                request.failure(),
                request.holdoutUnits(),
                request.missing(),
                request.seed(),
                request.profilePath(),
                request.mapping());
        return new Checked(uploadId, complete.toJson());
    }

    private dev.fleetsynth.engine.ingest.IngestOptions options(IngestRequest r, String uploadId) throws IOException {
        MachineProfile profile = profile(r.profilePath());
        String machineId = profile == null ? Ingest.machineIdFor(uploads.fileName(uploadId)) : profile.machineId();
        try {
            return r.options(profile, machineId, uploads.maxBytes());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    field(e.getMessage()), e.getMessage(), "see the ingest options in the API description");
        } catch (IOException e) {
            throw ApiException.badRequest(
                    "mapping", e.getMessage(), "send the mapping as the preview suggested it, edited or not");
        }
    }

    private MachineProfile profile(String profilePath) throws IOException {
        if (profilePath == null) {
            return null;
        }
        java.nio.file.Path file;
        try {
            file = store.resolve(profilePath);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "profile_path", e.getMessage(), "leave it out; the gateway fills it in from machine_id");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiException.badRequest(
                    "profile_path", "no profile at " + profilePath, "map onto an existing machine's profile");
        }
        ProfileRead read = new ProfileReader().read(file);
        if (read instanceof ProfileRead.Valid v) {
            return v.profile();
        }
        throw ApiException.badRequest(
                "profile_path", "the profile at " + profilePath + " is not valid", "fix the machine's profile first");
    }

    private static String field(String message) {
        String m = message == null ? "" : message;
        return m.startsWith("missing")
                ? "missing"
                : m.contains("held-out") ? "holdout_units" : m.contains("cap") ? "rul_cap" : "body";
    }

    /** An ingest problem as a 422 whose details name the column (and row) and the fix. */
    static ApiException invalid(IngestException e) {
        List<ApiError.Detail> details = e.problems().stream()
                .map(p -> new ApiError.Detail(
                        p.field(), p.row() == null ? p.message() : "row " + p.row() + ": " + p.message(), p.fix()))
                .toList();
        return new ApiException(
                422, new ApiError("DATA_INVALID", "the data cannot be brought in: " + e.getMessage(), details));
    }
}
