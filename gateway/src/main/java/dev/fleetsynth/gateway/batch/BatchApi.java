package dev.fleetsynth.gateway.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.gateway.api.PathIds;
import dev.fleetsynth.gateway.task.MachineStatus;
import dev.fleetsynth.gateway.task.Task;
import dev.fleetsynth.gateway.task.TaskView;
import dev.fleetsynth.gateway.upstream.ProfileClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;
import dev.fleetsynth.gateway.workflow.Requests;
import dev.fleetsynth.gateway.workflow.Workflow;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One step for many machines: one request per machine; the batch follows their tasks. */
@Path("/api/gan/batch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batch", description = "Seed, train, generate or validate many machines at once")
public class BatchApi {
    /**
     * One machine's line in a batch: its task, or its result or refusal. Where the task went on by
     * itself (pipeline auto), the line follows it to the last step started: {@code stage} is that
     * step, and status, progress, quality and error are its own, so a batch of seeds that continue
     * to datasets is finished when the datasets are.
     */
    @Schema(requiredProperties = {"machine_id", "status"})
    public record Item(
            String machineId,
            UUID taskId,
            String status,
            Double progress,
            Double qualityOverall,
            String grade,
            Boolean passed,
            ApiError error,
            String stage) {}

    @Schema(requiredProperties = {"batch_id", "operation", "created_at", "total", "counts", "items"})
    public record BatchView(
            UUID batchId,
            String operation,
            Instant createdAt,
            int total,
            Map<String, Integer> counts,
            List<Item> items) {}

    @Inject
    Upstream upstream;

    @RestClient
    ProfileClient profiles;

    @Inject
    Workflow workflow;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/{operation: seed|train|generate|validate}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run seed, train, generate or validate for machine_ids, a category, all, or only_failed ones")
    public Response run(@PathParam("operation") String operation, BatchRequest request) {
        if (request == null) {
            throw ApiException.badRequest(
                    "(body)", "the batch needs a body", "send {\"all\": true} or {\"machine_ids\": [...]}");
        }
        List<String> machines = select(operation, request);
        UUID batchId = UUID.randomUUID();
        List<Item> items = new ArrayList<>();
        for (String id : machines) {
            items.add(runOne(operation, id, request, batchId));
        }
        List<Item> stored = items.stream().filter(i -> i.taskId() == null).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            Batch b = new Batch();
            b.batchId = batchId;
            b.operation = operation;
            b.params = write(request);
            b.results = write(stored);
            b.createdAt = Instant.now();
            b.persist();
        });
        return Response.status(202)
                .entity(view(batchId))
                .header("Location", "/api/gan/batch/" + batchId)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A batch with every machine's task state or result")
    public BatchView get(@PathParam("id") UUID id) {
        return view(id);
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The batch report as JSON or CSV (?format=json|csv)")
    public Response report(@PathParam("id") UUID id, @QueryParam("format") @DefaultValue("json") String format) {
        BatchView view = view(id);
        if (format.equals("json")) {
            return Response.ok(view)
                    .header("Content-Disposition", "attachment; filename=\"batch-" + id + ".json\"")
                    .build();
        }
        if (!format.equals("csv")) {
            throw ApiException.badRequest("format", "unknown format '" + format + "'", "use json or csv");
        }
        StringBuilder csv = new StringBuilder(
                "machine_id,task_id,stage,status,progress,quality_overall,grade,passed,error_code,error_message\n");
        for (Item i : view.items()) {
            csv.append(String.join(
                            ",",
                            i.machineId(),
                            str(i.taskId()),
                            str(i.stage()),
                            str(i.status()),
                            str(i.progress()),
                            str(i.qualityOverall()),
                            str(i.grade()),
                            str(i.passed()),
                            i.error() == null ? "" : i.error().code(),
                            i.error() == null ? "" : '"' + i.error().message().replace("\"", "\"\"") + '"'))
                    .append('\n');
        }
        return Response.ok(csv.toString(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"batch-" + id + ".csv\"")
                .build();
    }

    private Item runOne(String operation, String machineId, BatchRequest r, UUID batchId) {
        try {
            TaskView task = switch (operation) {
                case "seed" ->
                    workflow.seed(machineId, new Requests.Seed(r.seedRows(), r.seed(), r.pipeline()), batchId);
                case "train" ->
                    workflow.train(
                            machineId,
                            new Requests.Train(
                                    r.epochs(), null, r.seed(), null, r.pipeline(), r.model(), null, null, null),
                            batchId);
                case "generate" ->
                    workflow.generate(
                            machineId, new Requests.Generate(r.rows(), null, null, null, null, r.seed()), batchId);
                default -> null;
            };
            if (task != null) {
                return new Item(
                        machineId, task.taskId(), task.status(), task.progress(), null, null, null, null, task.stage());
            }
            JsonNode v = workflow.validation(machineId);
            return new Item(
                    machineId,
                    null,
                    "succeeded",
                    1.0,
                    v.get("overall").asDouble(),
                    v.get("grade").asText(),
                    v.get("passed").asBoolean(),
                    null,
                    "validation");
        } catch (ApiException e) {
            return new Item(machineId, null, "refused", 0.0, null, null, null, e.error(), null);
        }
    }

    private List<String> select(String operation, BatchRequest r) {
        boolean byIds = r.machineIds() != null && !r.machineIds().isEmpty();
        boolean byCategory = r.category() != null && !r.category().isBlank();
        boolean all = Boolean.TRUE.equals(r.all());
        if ((byIds ? 1 : 0) + (byCategory ? 1 : 0) + (all ? 1 : 0) != 1) {
            throw ApiException.badRequest(
                    "machine_ids",
                    "say which machines: exactly one of machine_ids, category or all",
                    "send {\"machine_ids\": [\"pump_ksb_etanorm_001\"]}, {\"category\": \"pump\"} or {\"all\": true}");
        }
        List<String> ids;
        if (byIds) {
            ids = List.copyOf(new LinkedHashSet<>(r.machineIds()));
            if (ids.size() > 500) {
                throw ApiException.badRequest(
                        "machine_ids", "at most 500 machines per batch, got " + ids.size(), "split the batch");
            }
            // every id named, and every machine there, before anything starts: a typo refuses the batch, it does not
            // half-run it
            Set<String> known = new HashSet<>();
            for (JsonNode m : upstream.readJson(Service.PROFILE, () -> profiles.machines(null))
                    .orElseGet(json::createArrayNode)) {
                known.add(m.get("machine_id").asText());
            }
            List<ApiError.Detail> problems = new ArrayList<>();
            for (int i = 0; i < r.machineIds().size(); i++) {
                String id = r.machineIds().get(i);
                if (id == null || !ProfileValidator.MACHINE_ID.matcher(id).matches()) {
                    problems.add(new ApiError.Detail(
                            "machine_ids[" + i + "]",
                            "'" + PathIds.shown(id) + "' is not a machine id",
                            "use 3 to 64 lower-case letters, digits and underscores, as in pump_ksb_etanorm_001"));
                } else if (!known.contains(id)) {
                    problems.add(new ApiError.Detail(
                            "machine_ids[" + i + "]",
                            "there is no machine '" + id + "'",
                            "pick machines from GET /api/gan/machines"));
                }
            }
            if (!problems.isEmpty()) {
                throw new ApiException(
                        400,
                        new ApiError(
                                "BAD_REQUEST",
                                problems.size() + " of the batch's machine ids cannot be used",
                                problems.subList(0, Math.min(20, problems.size()))));
            }
        } else {
            String category = byCategory ? r.category().toLowerCase(Locale.ROOT) : null;
            ids = new ArrayList<>();
            for (JsonNode m : upstream.readJson(Service.PROFILE, () -> profiles.machines(category))
                    .orElseGet(json::createArrayNode)) {
                ids.add(m.get("machine_id").asText());
            }
            if (ids.isEmpty()) {
                throw ApiException.badRequest(
                        "category",
                        "no machines in category '" + r.category() + "'",
                        "use one of the categories of GET /api/gan/machines");
            }
        }
        if (Boolean.TRUE.equals(r.onlyFailed())) {
            Stage stage = switch (operation) {
                case "seed" -> Stage.SEED;
                case "train" -> Stage.TRAINING;
                default -> Stage.GENERATION;
            };
            Map<String, Map<String, Task>> latest =
                    QuarkusTransaction.requiringNew().call(MachineStatus::latestByMachine);
            ids = ids.stream()
                    .filter(id -> failed(latest.getOrDefault(id, Map.of()), stage))
                    .toList();
        }
        return ids;
    }

    private static boolean failed(Map<String, Task> latest, Stage stage) {
        Task t = latest.get(stage.json());
        if (t != null && ("failed".equals(t.status) || "cancelled".equals(t.status))) {
            return true;
        }
        Task g = latest.get(Stage.GENERATION.json());
        return stage == Stage.GENERATION || stage == Stage.TRAINING
                ? g != null && "succeeded".equals(g.status) && g.qualityOverall != null && g.qualityOverall < 0.75
                : false;
    }

    private BatchView view(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Batch b = Batch.findById(id);
            if (b == null) {
                throw ApiException.notFound("batch '" + id + "'");
            }
            List<Item> items = new ArrayList<>();
            for (Task first : Task.<Task>list("batchId = ?1 order by machineId", id)) {
                Task t = lastOfChain(first);
                items.add(new Item(
                        first.machineId,
                        first.taskId,
                        t.status,
                        t.progress,
                        t.qualityOverall,
                        t.grade,
                        // the verdict: a failed check fails the dataset whatever its score
                        t.qualityOverall == null ? null : t.qualityOverall >= 0.75 && !"failed".equals(t.grade),
                        t.errorCode == null ? null : ApiError.of(t.errorCode, t.errorMessage),
                        t.stage));
            }
            items.addAll(read(b.results));
            Map<String, Integer> counts = new HashMap<>();
            for (Item i : items) {
                counts.merge(i.status(), 1, Integer::sum);
            }
            return new BatchView(b.batchId, b.operation, b.createdAt, items.size(), counts, items);
        });
    }

    /** The last task of the steps a task started by itself (seed, then training, then generation); at most three. */
    private static Task lastOfChain(Task first) {
        Task t = first;
        for (int step = 0; step < 3 && t.nextTaskId != null; step++) {
            Task next = Task.findById(t.nextTaskId);
            if (next == null) {
                break;
            }
            t = next;
        }
        return t;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Item> read(String results) {
        try {
            return results == null ? List.of() : json.readValue(results, new TypeReference<List<Item>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
