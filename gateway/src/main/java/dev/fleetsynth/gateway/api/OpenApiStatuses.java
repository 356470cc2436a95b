package dev.fleetsynth.gateway.api;

import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The statuses every endpoint can answer, written into the API's description in one place rather
 * than on each of its forty operations: the refusals every call shares (400 with the field, 401,
 * 403, 404 for an id, 429, 503), 202 for the calls that start a job and 201 for those that create a
 * machine (where the generated description said 200), all with the {code, message, details} body.
 */
public class OpenApiStatuses implements OASFilter {
    private static final Pattern STARTS_A_JOB =
            Pattern.compile("/api/gan/machines/\\{id}/(seed|train|ingest|generate)|/api/gan/batch/\\{operation}");
    private static final Pattern CREATES = Pattern.compile("/api/gan/machines|/api/gan/profiles");
    private static final String ERROR = "#/components/schemas/ApiError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.components(OASFactory.createComponents());
        }
        openAPI.getComponents()
                .addSchema(
                        "ApiError",
                        OASFactory.createSchema()
                                .type(java.util.List.of(Schema.SchemaType.OBJECT))
                                .description(
                                        "Every error: a stable code, a message, and one detail per problem with the field and the fix")
                                .addProperty(
                                        "code",
                                        OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                                .addProperty(
                                        "message",
                                        OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)))
                                .addProperty(
                                        "details",
                                        OASFactory.createSchema()
                                                .type(java.util.List.of(Schema.SchemaType.ARRAY))
                                                .items(OASFactory.createSchema()
                                                        .type(java.util.List.of(Schema.SchemaType.OBJECT))
                                                        .addProperty(
                                                                "field",
                                                                OASFactory.createSchema()
                                                                        .type(java.util.List.of(
                                                                                Schema.SchemaType.STRING)))
                                                        .addProperty(
                                                                "message",
                                                                OASFactory.createSchema()
                                                                        .type(java.util.List.of(
                                                                                Schema.SchemaType.STRING)))
                                                        .addProperty(
                                                                "fix",
                                                                OASFactory.createSchema()
                                                                        .type(java.util.List.of(
                                                                                Schema.SchemaType.STRING))))));
        if (openAPI.getPaths() == null) {
            return;
        }
        OpenApiBodies.describe(openAPI);
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/gan") || path.startsWith("/api/gan/auth")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    item.getOperations().entrySet()) {
                describe(path, op.getKey(), op.getValue());
            }
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation op) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        if (method == PathItem.HttpMethod.POST && STARTS_A_JOB.matcher(path).matches()) {
            rename(responses, "200", "202", "accepted: the task, to follow at /api/gan/tasks/{task_id}");
            add(responses, "409", "a step before this one is missing (SEED_MISSING, MODEL_MISSING)");
        } else if (method == PathItem.HttpMethod.POST && CREATES.matcher(path).matches()) {
            rename(responses, "200", "201", "created: the machine");
            add(responses, "409", "a machine with this id exists (MACHINE_EXISTS)");
            add(responses, "422", "the profile is not valid (INVALID_PROFILE): every problem with its field and fix");
        }
        add(responses, "400", "a bad value, id or body: details name the field and the fix");
        add(responses, "401", "no login: send 'Authorization: Bearer <token or API key>'");
        add(responses, "403", "the role does not allow this (viewer < operator < admin), or a write from another site");
        if (path.contains("{")) {
            add(responses, "404", "nothing with this id");
        }
        add(responses, "429", "too many requests from this user, key or address (Retry-After)");
        add(responses, "503", "a service does not answer (Retry-After)");
    }

    private static void rename(APIResponses responses, String from, String to, String description) {
        APIResponse r = responses.getAPIResponse(from);
        if (r != null && !responses.hasAPIResponse(to)) {
            responses.removeAPIResponse(from);
            responses.addAPIResponse(to, r.description(description));
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(
                    status,
                    OASFactory.createAPIResponse()
                            .description(description)
                            .content(OASFactory.createContent()
                                    .addMediaType(
                                            "application/json",
                                            OASFactory.createMediaType()
                                                    .schema(OASFactory.createSchema()
                                                            .ref(ERROR)))));
        }
    }
}
