package dev.fleetsynth.gateway.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.events.GenerationRequested;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedRequested;
import dev.fleetsynth.events.TrainingRequested;
import dev.fleetsynth.gateway.task.Task;
import dev.fleetsynth.gateway.task.TaskTracker;
import dev.fleetsynth.gateway.task.TaskView;
import dev.fleetsynth.gateway.upstream.GeneratorClient;
import dev.fleetsynth.gateway.upstream.ProfileClient;
import dev.fleetsynth.gateway.upstream.SeedClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.TrainerClient;
import dev.fleetsynth.gateway.upstream.Upstream;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.api.RequestValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Turns the user's workflow calls into request events: checks what the step needs (the machine,
 * its seed, its model) so a request that cannot succeed is refused at once with what to do, then
 * records the task and publishes the request.
 */
@ApplicationScoped
public class Workflow {
    public static final long DEFAULT_RANDOM_SEED = SeedOptions.DEFAULT_RANDOM_SEED;
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_ROWS = 50_000;

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
    TaskTracker tasks;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    public TaskView seed(String machineId, Requests.Seed request, UUID batchId) {
        Requests.Seed r = request == null ? new Requests.Seed(null, null, null) : request;
        int rows = r.rows() == null ? SeedOptions.DEFAULT_ROWS : r.rows();
        if (rows < SeedOptions.MIN_ROWS || rows > SeedOptions.MAX_ROWS) {
            throw ApiException.badRequest(
                    "rows",
                    "rows must be " + SeedOptions.MIN_ROWS + ".." + SeedOptions.MAX_ROWS + ", got " + rows,
                    "use 10000 (the default) or another value in range");
        }
        Pipeline pipeline = RequestValues.pipeline(r.pipeline());
        JsonNode machine = machine(machineId);
        int version = machine.get("version").asInt();
        UUID jobId = UUID.randomUUID();
        Task task = tasks.request(
                new SeedRequested(
                        UUID.randomUUID(),
                        Instant.now(),
                        machineId,
                        jobId,
                        version,
                        ArtifactStore.profilePath(machineId, version),
                        rows,
                        r.seed() == null ? DEFAULT_RANDOM_SEED : r.seed(),
                        pipeline),
                batchId);
        return TaskView.of(task);
    }

    public TaskView train(String machineId, Requests.Train request, UUID batchId) {
        Requests.Train r = request == null ? new Requests.Train(null, null, null, null, null) : request;
        if (r.earlyStop() != null && (r.earlyStop() < 0 || r.earlyStop() > TvaeConfig.MAX_EPOCHS)) {
            throw ApiException.badRequest(
                    "early_stop",
                    "early_stop must be 0.." + TvaeConfig.MAX_EPOCHS + ", got " + r.earlyStop(),
                    "leave it out for the default (" + FitOptions.DEFAULT_PATIENCE
                            + "), or send 0 to train exactly the epochs asked");
        }
        int epochs = r.epochs() == null ? TvaeConfig.DEFAULT_EPOCHS : r.epochs();
        if (epochs < TvaeConfig.MIN_EPOCHS || epochs > TvaeConfig.MAX_EPOCHS) {
            throw ApiException.badRequest(
                    "epochs",
                    "epochs must be " + TvaeConfig.MIN_EPOCHS + ".." + TvaeConfig.MAX_EPOCHS + ", got " + epochs,
                    "use 300 (the default); fewer for a quick look");
        }
        int batch = r.batchSize() == null ? DEFAULT_BATCH_SIZE : r.batchSize();
        if (batch < 2 || batch > 100_000) {
            throw ApiException.badRequest(
                    "batch_size", "batch_size must be 2..100000, got " + batch, "use 500 (the default)");
        }
        Pipeline pipeline = RequestValues.pipeline(r.pipeline());
        machine(machineId);
        JsonNode seed = r.seedId() != null
                ? upstream.readJson(Service.SEED, () -> seeds.seed(r.seedId()))
                        .filter(s -> machineId.equals(s.path("machine_id").asText()))
                        .orElseThrow(() -> ApiException.badRequest(
                                "seed_id",
                                "machine '" + machineId + "' has no seed '" + r.seedId() + "'",
                                "leave seed_id out to use the latest seed, or pick one from GET /api/gan/machines/"
                                        + machineId + "/seeds"))
                : latest(Service.SEED, () -> seeds.seeds(machineId))
                        .orElseThrow(() -> new ApiException(
                                409,
                                new ApiError(
                                        "SEED_MISSING",
                                        "machine '" + machineId + "' has no seed data to train on",
                                        List.of(new ApiError.Detail(
                                                "seed_id",
                                                "no seed yet",
                                                "generate one first: POST /api/gan/machines/" + machineId
                                                        + "/seed")))));
        String model = r.model() == null ? "auto" : r.model().trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "trajectory", "tvae").contains(model)) {
            throw ApiException.badRequest(
                    "model", "unknown model '" + r.model() + "'", "use auto (the default), trajectory or tvae");
        }
        String strategy = r.strategy() == null
                ? TrainingRequested.STRATEGY_DATA
                : r.strategy().trim().toLowerCase(java.util.Locale.ROOT);
        if (r.baseModelId() != null && !TrainingRequested.STRATEGY_REFINE.equals(strategy)) {
            throw ApiException.badRequest(
                    "base_model_id",
                    "base_model_id is only for strategy refine",
                    "leave base_model_id out, or send \"strategy\": \"refine\" with it");
        }
        String mergeSeedPath = null;
        String baseModelPath = null;
        switch (strategy) {
            case TrainingRequested.STRATEGY_DATA -> {}
            case TrainingRequested.STRATEGY_MERGE -> {
                requireReal(seed, "merge");
                JsonNode simulated = bySource(machineId, SeedRequested.SIMULATED)
                        .orElseThrow(() -> new ApiException(
                                409,
                                new ApiError(
                                        "SEED_MISSING",
                                        "machine '" + machineId + "' has no simulated seed to merge its data with",
                                        List.of(new ApiError.Detail(
                                                "strategy",
                                                "no simulated seed",
                                                "generate one first: POST /api/gan/machines/" + machineId
                                                        + "/seed")))));
                mergeSeedPath = simulated.get("path").asText();
            }
            case TrainingRequested.STRATEGY_REFINE -> {
                requireReal(seed, "refine");
                JsonNode base = r.baseModelId() != null
                        ? upstream.readJson(Service.TRAINER, () -> trainer.model(r.baseModelId()))
                                .filter(m ->
                                        machineId.equals(m.path("machine_id").asText()))
                                .orElseThrow(() -> ApiException.badRequest(
                                        "base_model_id",
                                        "machine '" + machineId + "' has no model '" + r.baseModelId() + "'",
                                        "pick one from GET /api/gan/machines/" + machineId + "/models"))
                        : upstream.readJson(Service.TRAINER, () -> trainer.models(machineId)).stream()
                                .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                                .filter(m -> "tvae".equals(m.path("kind").asText("tvae")))
                                .findFirst()
                                .orElseThrow(
                                        () -> new ApiException(
                                                409,
                                                new ApiError(
                                                        "MODEL_MISSING",
                                                        "machine '" + machineId + "' has no TVAE model to refine",
                                                        List.of(
                                                                new ApiError.Detail(
                                                                        "base_model_id",
                                                                        "no TVAE model",
                                                                        "train one on the simulated seed first, or train on the data with strategy data")))));
                if (!"tvae".equals(base.path("kind").asText("tvae"))) {
                    throw ApiException.badRequest(
                            "base_model_id",
                            "only a TVAE can be refined; '"
                                    + base.get("model_id").asText() + "' is a "
                                    + base.path("kind").asText() + " model",
                            "train on the data with strategy data instead (it takes seconds)");
                }
                baseModelPath = base.get("path").asText();
            }
            default ->
                throw ApiException.badRequest(
                        "strategy",
                        "unknown strategy '" + r.strategy() + "'",
                        "use data (train on the seed as it is), merge (your data with the simulated seed) or refine (continue a TVAE)");
        }
        String seedId = seed.get("seed_id").asText();
        UUID jobId = UUID.randomUUID();
        Task task = tasks.request(
                new TrainingRequested(
                        UUID.randomUUID(),
                        Instant.now(),
                        machineId,
                        jobId,
                        seedId,
                        ArtifactStore.seedPath(machineId, seedId),
                        epochs,
                        batch,
                        r.seed() == null ? DEFAULT_RANDOM_SEED : r.seed(),
                        pipeline,
                        model,
                        strategy,
                        baseModelPath,
                        mergeSeedPath,
                        r.earlyStop()),
                batchId);
        return TaskView.of(task);
    }

    private static void requireReal(JsonNode seed, String strategy) {
        if (!SeedRequested.REAL.equals(seed.path("source").asText(SeedRequested.SIMULATED))) {
            throw ApiException.badRequest(
                    "seed_id",
                    "strategy " + strategy + " needs a seed from your data; seed '"
                            + seed.get("seed_id").asText() + "' is simulated",
                    "bring your data in first: POST /api/gan/machines/{id}/ingest, " + "or give its seed_id");
        }
    }

    /** The machine's newest seed of a source (simulated or real). */
    private java.util.Optional<JsonNode> bySource(String machineId, String source) {
        return upstream.readJson(Service.SEED, () -> seeds.seeds(machineId)).stream()
                .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
                .filter(s -> source.equals(s.path("source").asText(SeedRequested.SIMULATED)))
                .findFirst();
    }

    /**
     * Brings an upload in as the machine's seed: the seed service checks the request against the
     * upload, then a seed job (seed.requested, source real) ingests it; the upload's bytes stay in
     * the artifact store.
     */
    public TaskView ingest(String machineId, Requests.Ingest r, UUID batchId) {
        if (r == null || r.uploadId() == null || r.uploadId().isBlank()) {
            throw ApiException.badRequest(
                    "upload_id", "upload_id is missing", "upload the file first: POST /api/gan/uploads");
        }
        Pipeline pipeline = RequestValues.pipeline(r.pipeline());
        JsonNode machine = machine(machineId);
        int version = machine.get("version").asInt();
        String profilePath = ArtifactStore.profilePath(machineId, version);
        com.fasterxml.jackson.databind.node.ObjectNode body = json.valueToTree(r);
        body.remove(List.of("upload_id", "map_to_profile", "pipeline"));
        if (Boolean.TRUE.equals(r.mapToProfile())) {
            body.put("profile_path", profilePath);
        }
        JsonNode checked = upstream.writeJson(Service.SEED, () -> seeds.check(r.uploadId(), body));
        UUID jobId = UUID.randomUUID();
        Task task = tasks.request(
                new SeedRequested(
                        UUID.randomUUID(),
                        Instant.now(),
                        machineId,
                        jobId,
                        version,
                        profilePath,
                        0,
                        r.seed() == null ? DEFAULT_RANDOM_SEED : r.seed(),
                        pipeline,
                        SeedRequested.REAL,
                        checked.get("ingest_request").asText()),
                batchId);
        return TaskView.of(task);
    }

    /** Datasets of the machine compared against its data (see the generator's compare). */
    public jakarta.ws.rs.core.Response compare(String machineId, String datasets) {
        machine(machineId);
        if (datasets == null || datasets.isBlank()) {
            throw ApiException.badRequest(
                    "datasets",
                    "no dataset to compare",
                    "give datasets=ID,ID (see GET /api/gan/machines/" + machineId + "/datasets)");
        }
        List<String> ids = java.util.Arrays.stream(datasets.split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
        for (String id : ids) {
            upstream.readJson(Service.GENERATOR, () -> generator.dataset(id, null))
                    .filter(d -> machineId.equals(d.path("machine_id").asText()))
                    .orElseThrow(() -> ApiException.badRequest(
                            "datasets",
                            "machine '" + machineId + "' has no dataset '" + id + "'",
                            "pick from GET /api/gan/machines/" + machineId + "/datasets"));
        }
        String reference = bySource(machineId, SeedRequested.REAL)
                .map(s -> s.get("path").asText())
                .orElse(null);
        return upstream.read(Service.GENERATOR, () -> generator.compare(String.join(",", ids), reference));
    }

    /** The profile path of a machine's current version, for a preview that maps onto it. */
    public String profilePath(String machineId) {
        return ArtifactStore.profilePath(
                machineId, machine(machineId).get("version").asInt());
    }

    public TaskView generate(String machineId, Requests.Generate request, UUID batchId) {
        Requests.Generate r = request == null ? new Requests.Generate(null, null, null, null, null, null) : request;
        SplitSizes sizes = sizes(r);
        machine(machineId);
        JsonNode model = r.modelId() != null
                ? upstream.readJson(Service.TRAINER, () -> trainer.model(r.modelId()))
                        .filter(m -> machineId.equals(m.path("machine_id").asText()))
                        .orElseThrow(() -> ApiException.badRequest(
                                "model_id",
                                "machine '" + machineId + "' has no model '" + r.modelId() + "'",
                                "leave model_id out to use the latest model"))
                : latest(Service.TRAINER, () -> trainer.models(machineId))
                        .orElseThrow(() -> new ApiException(
                                409,
                                new ApiError(
                                        "MODEL_MISSING",
                                        "machine '" + machineId + "' has no trained model",
                                        List.of(new ApiError.Detail(
                                                "model_id",
                                                "no model yet",
                                                "train one first: POST /api/gan/machines/" + machineId + "/train")))));
        String modelId = model.get("model_id").asText();
        String seedId = model.get("seed_id").asText();
        UUID jobId = UUID.randomUUID();
        Task task = tasks.request(
                new GenerationRequested(
                        UUID.randomUUID(),
                        Instant.now(),
                        machineId,
                        jobId,
                        modelId,
                        ArtifactStore.modelPath(machineId, modelId),
                        ArtifactStore.seedPath(machineId, seedId),
                        sizes.train(),
                        sizes.val(),
                        sizes.test(),
                        r.seed() == null ? DEFAULT_RANDOM_SEED : r.seed()),
                batchId);
        return TaskView.of(task);
    }

    private static SplitSizes sizes(Requests.Generate r) {
        boolean explicit = r.trainRows() != null || r.valRows() != null || r.testRows() != null;
        if (explicit && r.rows() != null) {
            throw ApiException.badRequest(
                    "rows",
                    "give either rows or train_rows/val_rows/test_rows, not both",
                    "remove rows, or remove the three split sizes");
        }
        try {
            if (explicit) {
                if (r.trainRows() == null || r.valRows() == null || r.testRows() == null) {
                    throw ApiException.badRequest(
                            r.trainRows() == null ? "train_rows" : r.valRows() == null ? "val_rows" : "test_rows",
                            "all three split sizes are needed",
                            "give train_rows, val_rows and test_rows, e.g. 35000, 7500, 7500");
                }
                return new SplitSizes(r.trainRows(), r.valRows(), r.testRows());
            }
            return SplitSizes.of(r.rows() == null ? DEFAULT_ROWS : r.rows());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    explicit ? "train_rows" : "rows",
                    e.getMessage(),
                    "use rows 3.." + SplitSizes.MAX_ROWS + ", e.g. 50000");
        }
    }

    /** The quality verdict of the machine's latest dataset. */
    public JsonNode validation(String machineId) {
        return new dev.fleetsynth.gateway.api.Validation(upstream, generator, json).of(machineId);
    }

    JsonNode machine(String machineId) {
        return upstream.readJson(Service.PROFILE, () -> profiles.machine(machineId))
                .orElseThrow(() -> ApiException.notFound("machine '" + machineId + "'"));
    }

    private java.util.Optional<JsonNode> latest(
            Service service, java.util.function.Supplier<jakarta.ws.rs.core.Response> newestFirst) {
        return upstream.readJson(service, newestFirst)
                .filter(list -> list.isArray() && !list.isEmpty())
                .map(list -> list.get(0));
    }
}
