package dev.fleetsynth.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.gateway.task.MachineStatus;
import dev.fleetsynth.gateway.task.Task;
import dev.fleetsynth.gateway.task.TaskView;
import dev.fleetsynth.gateway.upstream.GeneratorClient;
import dev.fleetsynth.gateway.upstream.ProfileClient;
import dev.fleetsynth.gateway.upstream.SeedClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.TrainerClient;
import dev.fleetsynth.gateway.upstream.Upstream;
import dev.fleetsynth.gateway.workflow.Requests;
import dev.fleetsynth.gateway.workflow.Workflow;
import dev.fleetsynth.support.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Machines with their workflow state, the workflow steps, and their artifacts (seeds, models, datasets). */
@Path("/api/gan/machines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "machines", description = "The fleet, each machine's workflow and its artifacts")
public class MachineApi {
    @Inject
    Upstream upstream;

    @RestClient
    ProfileClient profiles;

    @RestClient
    SeedClient seeds;

    @RestClient
    TrainerClient trainer;

    @RestClient
    GeneratorClient generator;

    @Inject
    Workflow workflow;

    @Inject
    ObjectMapper json;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "All machines (?category=...), each with its workflow state and latest quality")
    public JsonNode list() {
        JsonNode machines = upstream.readJson(Service.PROFILE, () -> profiles.machines(Paths.query(uri, "category")))
                .orElseGet(json::createArrayNode);
        Map<String, Map<String, Task>> latest =
                QuarkusTransaction.requiringNew().call(MachineStatus::latestByMachine);
        ArrayNode out = json.createArrayNode();
        for (JsonNode m : machines) {
            ObjectNode copy = m.deepCopy();
            String id = m.get("machine_id").asText();
            copy.set(
                    "status",
                    json.valueToTree(MachineStatus.of(id, m.path("version").asInt(), latest.get(id))));
            out.add(copy);
        }
        return out;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary =
                    "Create a machine from a profile (JSON, YAML or xlsx; ?pipeline=auto to seed, train and generate by itself)")
    public Response create(byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.write(Service.PROFILE, () -> profiles.create(Paths.query(uri, "pipeline"), contentType, body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a machine and its profile versions (its files stay in the artifact store)")
    public Response delete(@PathParam("id") String id) {
        return upstream.write(Service.PROFILE, () -> profiles.delete(id));
    }

    @GET
    @Path("/{id}/profile")
    @Produces({
        MediaType.APPLICATION_JSON,
        "application/yaml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    })
    @Operation(summary = "Download the machine's current profile (?format=json|yaml|xlsx)")
    public Response profile(@PathParam("id") String id) {
        return upstream.read(Service.PROFILE, () -> profiles.profile(id, Paths.query(uri, "format")));
    }

    @PUT
    @Path("/{id}/profile")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Edit the profile: validates it and adds a version (?comment=...)")
    public Response edit(@PathParam("id") String id, byte[] body, @HeaderParam("Content-Type") String contentType) {
        return upstream.write(Service.PROFILE, () -> profiles.edit(id, Paths.query(uri, "comment"), contentType, body));
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "The profile's version history, newest first")
    public Response versions(@PathParam("id") String id) {
        return upstream.read(Service.PROFILE, () -> profiles.versions(id));
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(summary = "One version of the profile")
    public Response version(@PathParam("id") String id, @PathParam("version") int version) {
        return upstream.read(Service.PROFILE, () -> profiles.version(id, version));
    }

    @POST
    @Path("/{id}/versions/{version}/restore")
    @Operation(summary = "Restore a version (adds it again as the newest version)")
    public Response restore(@PathParam("id") String id, @PathParam("version") int version) {
        return upstream.write(Service.PROFILE, () -> profiles.restore(id, version));
    }

    @GET
    @Path("/{id}/diff")
    @Operation(summary = "Field-by-field difference between two versions (?from=N&to=M)")
    public Response diff(@PathParam("id") String id) {
        return upstream.read(
                Service.PROFILE, () -> profiles.diff(id, Paths.query(uri, "from"), Paths.query(uri, "to")));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One machine with its current profile and workflow state")
    public JsonNode get(@PathParam("id") String id) {
        ObjectNode machine = (ObjectNode) upstream.readJson(Service.PROFILE, () -> profiles.machine(id))
                .orElseThrow(() -> ApiException.notFound("machine '" + id + "'"));
        machine.set(
                "status", json.valueToTree(status(id, machine.path("version").asInt())));
        return machine;
    }

    @GET
    @Path("/{id}/status")
    @Operation(summary = "The workflow state of every step: profile, seed, training, generation")
    public MachineStatus status(@PathParam("id") String id) {
        JsonNode machine = upstream.readJson(Service.PROFILE, () -> profiles.machine(id))
                .orElseThrow(() -> ApiException.notFound("machine '" + id + "'"));
        return status(id, machine.path("version").asInt());
    }

    private MachineStatus status(String id, int version) {
        return MachineStatus.of(id, version, QuarkusTransaction.requiringNew().call(() -> MachineStatus.latestOf(id)));
    }

    @GET
    @Path("/{id}/tasks")
    @Operation(summary = "Every task of the machine, newest first")
    public List<TaskView> tasks(@PathParam("id") String id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Task.ofMachine(id).stream().map(TaskView::of).toList());
    }

    @POST
    @Path("/{id}/seed")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate physics-based seed data (body optional: rows, seed, pipeline)")
    public Response seed(@PathParam("id") String id, Requests.Seed body) {
        return accepted(workflow.seed(id, body, null));
    }

    @POST
    @Path("/{id}/train")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Train a model on the machine's seed (body optional: epochs, batch_size, seed, seed_id, pipeline; "
                            + "model auto|trajectory|tvae; strategy data|merge|refine, base_model_id for refine)")
    public Response train(@PathParam("id") String id, Requests.Train body) {
        return accepted(workflow.train(id, body, null));
    }

    @POST
    @Path("/{id}/ingest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Bring an upload in as the machine's seed (body: upload_id, and optionally columns, sheet, unit, order, "
                            + "rul, rul_from_end, rul_cap, failure, holdout_units, missing, seed, mapping, map_to_profile, pipeline); "
                            + "writes the training units, the held-out units and the ingest report")
    public Response ingest(@PathParam("id") String id, Requests.Ingest body) {
        return accepted(workflow.ingest(id, body, null));
    }

    @POST
    @Path("/{id}/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Generate a synthetic train/val/test dataset and its quality report (body optional: rows or "
                    + "train_rows/val_rows/test_rows, model_id, seed)")
    public Response generate(@PathParam("id") String id, Requests.Generate body) {
        return accepted(workflow.generate(id, body, null));
    }

    @POST
    @Path("/{id}/validate")
    @Operation(
            summary = "The quality verdict of the machine's latest dataset against the thresholds (0.75 / 0.85 / 0.90)")
    public JsonNode validate(@PathParam("id") String id) {
        return workflow.validation(id);
    }

    @GET
    @Path("/{id}/seeds")
    @Operation(summary = "The machine's seed data sets, newest first")
    public Response seeds(@PathParam("id") String id) {
        return upstream.read(Service.SEED, () -> seeds.seeds(id));
    }

    @GET
    @Path("/{id}/seeds/{seed}/rows")
    @Operation(summary = "Rows of a seed (?cycle=&offset=&limit=), for previews")
    public Response seedRows(@PathParam("id") String id, @PathParam("seed") String seed) {
        return upstream.read(
                Service.SEED,
                () -> seeds.rows(
                        seed, Paths.query(uri, "cycle"), Paths.query(uri, "offset"), Paths.query(uri, "limit")));
    }

    @GET
    @Path("/{id}/seeds/{seed}/report")
    @Operation(
            summary =
                    "What ingestion found and did for a seed from your data: columns, cleaning, RUL, mapping, held-out units")
    public Response seedReport(@PathParam("id") String id, @PathParam("seed") String seed) {
        return upstream.read(Service.SEED, () -> seeds.report(seed));
    }

    @GET
    @Path("/{id}/models")
    @Operation(summary = "The machine's trained models, newest first")
    public Response models(@PathParam("id") String id) {
        return upstream.read(Service.TRAINER, () -> trainer.models(id));
    }

    @GET
    @Path("/{id}/datasets")
    @Operation(summary = "The machine's synthetic datasets with their quality scores, newest first")
    public Response datasets(@PathParam("id") String id) {
        return upstream.read(Service.GENERATOR, () -> generator.datasets(id));
    }

    @GET
    @Path("/{id}/compare")
    @Operation(
            summary =
                    "Datasets side by side (?datasets=ID,ID, up to 5) against the machine's data (its newest seed from your data, "
                            + "else the first dataset's seed): per reading KS, Wasserstein and KL; correlation differences; RUL utility on the held-out "
                            + "units beside training on real rows and predicting the mean; and which to use, with the reason")
    public Response compare(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("datasets") String datasets) {
        return workflow.compare(id, datasets);
    }

    @GET
    @Path("/{id}/datasets/{dataset}")
    @Operation(summary = "One dataset")
    public Response dataset(@PathParam("id") String id, @PathParam("dataset") String dataset) {
        return upstream.read(Service.GENERATOR, () -> generator.dataset(dataset, id));
    }

    @GET
    @Path("/{id}/datasets/{dataset}/quality")
    @Operation(summary = "The dataset's quality report, as the generator wrote it")
    public Response quality(@PathParam("id") String id, @PathParam("dataset") String dataset) {
        return explore(id, dataset, "quality");
    }

    @GET
    @Path("/{id}/datasets/{dataset}/rows")
    @Operation(summary = "A page of a split's rows (?split=train|val|test&offset=&limit=)")
    public Response rows(@PathParam("id") String id, @PathParam("dataset") String dataset) {
        return explore(id, dataset, "rows");
    }

    @GET
    @Path("/{id}/datasets/{dataset}/stats")
    @Operation(summary = "Each column's statistics (?split=&source=synthetic|seed)")
    public Response stats(@PathParam("id") String id, @PathParam("dataset") String dataset) {
        return explore(id, dataset, "stats");
    }

    @GET
    @Path("/{id}/datasets/{dataset}/histograms")
    @Operation(summary = "Each value column's histogram (?split=&bins=&source=synthetic|seed)")
    public Response histograms(@PathParam("id") String id, @PathParam("dataset") String dataset) {
        return explore(id, dataset, "histograms");
    }

    @GET
    @Path("/{id}/datasets/{dataset}/correlations")
    @Operation(summary = "Pearson's r of every pair of value columns (?split=&source=synthetic|seed)")
    public Response correlations(@PathParam("id") String id, @PathParam("dataset") String dataset) {
        return explore(id, dataset, "correlations");
    }

    /** The explorer's views, each relayed as the generator answers it (one path each, so each has its schema). */
    private Response explore(String id, String dataset, String view) {
        return upstream.read(
                Service.GENERATOR,
                () -> generator.view(
                        dataset,
                        view,
                        id,
                        Paths.query(uri, "split"),
                        Paths.query(uri, "offset"),
                        Paths.query(uri, "limit"),
                        Paths.query(uri, "bins"),
                        Paths.query(uri, "source")));
    }

    @GET
    @Path("/{id}/datasets/{dataset}/download/{split}")
    @Produces({
        "application/vnd.apache.parquet",
        "text/csv",
        MediaType.APPLICATION_OCTET_STREAM,
        MediaType.APPLICATION_JSON
    })
    @Operation(summary = "Download a split as Parquet or CSV (?format=parquet|csv)")
    public Response download(
            @PathParam("id") String id, @PathParam("dataset") String dataset, @PathParam("split") String split) {
        return upstream.read(
                Service.GENERATOR, () -> generator.download(dataset, split, id, Paths.query(uri, "format")));
    }

    private static Response accepted(TaskView task) {
        return Response.accepted(task)
                .header("Location", "/api/gan/tasks/" + task.taskId())
                .build();
    }
}
