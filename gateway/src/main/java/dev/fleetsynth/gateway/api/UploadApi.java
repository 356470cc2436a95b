package dev.fleetsynth.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.gateway.upstream.SeedClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;
import dev.fleetsynth.gateway.workflow.Workflow;
import dev.fleetsynth.support.api.ApiException;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Users' own data files: uploaded in chunks of at most 8 MiB (so no request is large), previewed
 * (format, columns, kinds, roles, the suggested mapping, a derived profile), then brought in as a
 * machine's seed with POST /api/gan/machines/{id}/ingest.
 */
@Path("/api/gan/uploads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "uploads", description = "Your own run-to-failure data: upload, preview, then ingest into a machine")
public class UploadApi {
    @Inject
    Upstream upstream;

    @RestClient
    SeedClient seeds;

    @Inject
    Workflow workflow;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start an upload: {file_name, bytes}; answers upload_id, chunk_bytes and the number of chunks "
                    + "(a file over the size limit, 500 MB by default, is refused here, before any byte is sent)")
    public Response create(NewUpload body) {
        if (body == null) {
            throw ApiException.badRequest(
                    "bytes", "no body", "send {\"file_name\": \"data.csv\", \"bytes\": <the file's size>}");
        }
        // read here by the API's strict rules ({"bytes": true} was a 1-byte upload), passed on as read
        JsonNode upload = json.valueToTree(body);
        return upstream.write(Service.SEED, () -> seeds.startUpload(upload));
    }

    /** POST /uploads: the file's name and size in bytes. */
    public record NewUpload(String fileName, Long bytes) {}

    @GET
    @Path("/{upload_id}")
    @Operation(summary = "Where an upload stands: the chunks received and whether it is complete")
    public Response status(@PathParam("upload_id") String uploadId) {
        return upstream.read(Service.SEED, () -> seeds.upload(uploadId));
    }

    @PUT
    @Path("/{upload_id}/chunks/{index}")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary =
                    "One chunk of the file (chunk_bytes bytes, the last one the rest), as the raw body; chunks may come in any order and be sent again")
    public Response chunk(@PathParam("upload_id") String uploadId, @PathParam("index") String index, byte[] body) {
        return upstream.write(Service.SEED, () -> seeds.chunk(uploadId, index, body));
    }

    @POST
    @Path("/{upload_id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Read and profile the complete upload: format, per-column kind, missing values, outliers and unit, the "
                            + "detected roles (unit, order, RUL, failure), the suggested column mapping, a profile derived from it and the first rows. "
                            + "Body optional: the ingest options (columns for a file without a header, sheet, unit, order, rul, rul_from_end, rul_cap, "
                            + "failure) and machine_id to map the columns onto that machine's profile. Writes nothing.")
    public Response preview(@PathParam("upload_id") String uploadId, byte[] body) {
        ObjectNode request;
        try {
            JsonNode parsed = body == null || body.length == 0 ? json.createObjectNode() : json.readTree(body);
            if (!(parsed instanceof ObjectNode o)) {
                throw ApiException.badRequest("body", "the body is not a JSON object", "send {} or the ingest options");
            }
            request = o;
        } catch (IOException e) {
            throw ApiException.badRequest("body", "the body is not JSON", "send {} or the ingest options");
        }
        JsonNode machine = request.remove("machine_id");
        if (machine != null && !machine.isNull()) {
            request.put("profile_path", workflow.profilePath(machine.asText()));
        } else {
            request.remove("profile_path");
        }
        return upstream.write(Service.SEED, () -> seeds.preview(uploadId, request));
    }
}
