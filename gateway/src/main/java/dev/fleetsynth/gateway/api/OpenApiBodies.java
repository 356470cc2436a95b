package dev.fleetsynth.gateway.api;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The bodies of the calls the gateway relays, in its OpenAPI description (and so in the dashboard's generated
 * types). The gateway passes a service's answer on as it comes, so SmallRye sees only a {@code Response}; this
 * table names each one's schema. The services' schemas come from {@code META-INF/openapi.json}, the gateway's
 * copy of them under each service's prefix ({@code seed.SeedView}), which every service's test checks against
 * its own live document ({@code OpenApiContract} in testkit). A name here that is in neither fails the
 * gateway's OpenAPI test.
 */
final class OpenApiBodies {
    private static final String M = "/api/gan/machines/{id}";
    private static final String DATASET = M + "/datasets/{dataset}";

    /** "METHOD path" to its success body: a schema name, or "[name]" for an array of it. */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("GET /api/gan/machines", "[Machine]"),
            Map.entry("POST /api/gan/machines", "profile.MachineView"),
            Map.entry("GET " + M, "Machine"),
            Map.entry("GET " + M + "/profile", "profile.Profile"),
            Map.entry("PUT " + M + "/profile", "profile.MachineView"),
            Map.entry("GET " + M + "/versions", "[profile.VersionView]"),
            Map.entry("GET " + M + "/versions/{version}", "profile.VersionView"),
            Map.entry("POST " + M + "/versions/{version}/restore", "profile.MachineView"),
            Map.entry("GET " + M + "/diff", "profile.Diff"),
            Map.entry("GET /api/gan/templates", "[profile.TemplateView]"),
            Map.entry("GET /api/gan/templates/{name}", "profile.Profile"),
            Map.entry("POST /api/gan/profiles/validate", "profile.Validation"),
            Map.entry("POST /api/gan/profiles", "profile.MachineView"),
            Map.entry("POST " + M + "/seed", "TaskView"),
            Map.entry("POST " + M + "/train", "TaskView"),
            Map.entry("POST " + M + "/ingest", "TaskView"),
            Map.entry("POST " + M + "/generate", "TaskView"),
            Map.entry("GET " + M + "/seeds", "[seed.SeedView]"),
            Map.entry("GET " + M + "/seeds/{seed}/rows", "seed.RowsPage"),
            Map.entry("GET " + M + "/seeds/{seed}/report", "seed.IngestReport"),
            Map.entry("POST /api/gan/uploads", "seed.Created"),
            Map.entry("GET /api/gan/uploads/{upload_id}", "seed.Status"),
            Map.entry("PUT /api/gan/uploads/{upload_id}/chunks/{index}", "seed.Status"),
            Map.entry("POST /api/gan/uploads/{upload_id}/preview", "seed.Preview"),
            Map.entry("GET " + M + "/models", "[trainer.ModelView]"),
            Map.entry("GET /api/gan/training/jobs", "[trainer.JobView]"),
            Map.entry("GET /api/gan/training/jobs/{id}", "trainer.JobView"),
            Map.entry("GET " + M + "/datasets", "[generator.DatasetView]"),
            Map.entry("GET " + DATASET, "generator.DatasetView"),
            Map.entry("GET " + M + "/compare", "generator.Comparison"),
            Map.entry("GET " + DATASET + "/quality", "generator.QualityReport"),
            Map.entry("GET " + DATASET + "/rows", "generator.RowsPage"),
            Map.entry("GET " + DATASET + "/stats", "generator.Stats"),
            Map.entry("GET " + DATASET + "/histograms", "generator.Histograms"),
            Map.entry("GET " + DATASET + "/correlations", "generator.Correlations"),
            Map.entry("POST /api/gan/batch/{operation}", "BatchView"),
            Map.entry("POST /api/gan/auth/login", "Me"),
            Map.entry("POST /api/gan/users", "UserView"),
            Map.entry("POST /api/gan/keys", "KeyView"));

    private OpenApiBodies() {}

    static void describe(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        // A machine as the gateway shows it: the profile service's view with the workflow's state beside it.
        openAPI.getComponents()
                .addSchema(
                        "Machine",
                        OASFactory.createSchema()
                                .addAllOf(ref("profile.MachineView"))
                                .addAllOf(OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.OBJECT))
                                        .addProperty("status", ref("MachineStatus"))
                                        .required(List.of("status"))));
        BODIES.forEach((call, body) -> {
            String name = body.replace("[", "").replace("]", "");
            if (!schemas.containsKey(name)) {
                throw new IllegalStateException(call + ": no schema " + name
                        + " (a service's schemas are copied into META-INF/openapi.json by its test)");
            }
            String[] parts = call.split(" ", 2);
            PathItem item = openAPI.getPaths().getPathItem(parts[1]);
            Operation op = item == null ? null : item.getOperations().get(PathItem.HttpMethod.valueOf(parts[0]));
            if (op == null) {
                throw new IllegalStateException(call + " is not an operation of the API");
            }
            Schema schema = body.startsWith("[")
                    ? OASFactory.createSchema()
                            .type(List.of(Schema.SchemaType.ARRAY))
                            .items(ref(name))
                    : ref(name);
            APIResponse ok = op.getResponses().getAPIResponses().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("2"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(call + " has no success response"));
            MediaType json = ok.getContent() == null ? null : ok.getContent().getMediaType("application/json");
            if (json == null) {
                json = OASFactory.createMediaType();
                ok.content(ok.getContent() == null ? OASFactory.createContent() : ok.getContent());
                ok.getContent().addMediaType("application/json", json);
            }
            json.schema(schema);
        });
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref("#/components/schemas/" + name);
    }
}
