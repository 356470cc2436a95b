package dev.fleetsynth.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.testkit.WebSocketRecorder;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole platform, end to end, as a user drives it: the five services started as their packaged
 * apps against real Kafka, PostgreSQL and Redis, and every call made to the gateway over HTTP and
 * WebSocket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {
    private static final String MACHINE = "pump_e2e_001";

    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static String api;
    static String token;
    private static final String ADMIN_PASSWORD = "platform-it-admin-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startTheStack() throws Exception {
        Path repo = Path.of(System.getProperty("fleetsynth.repo", ".."))
                .toAbsolutePath()
                .normalize();
        // The rate limit is per client address, and this test is one client doing the work of many.
        stack = LocalStack.start(new LocalStack.Settings(
                repo,
                dataDir,
                false,
                0,
                0,
                0,
                0,
                Map.of("fleetsynth.rate-limit.per-minute", "100000", "fleetsynth.auth.admin-password", ADMIN_PASSWORD),
                new PrintStream(System.out, true, StandardCharsets.UTF_8)));
        api = stack.gatewayUrl() + "/api/gan";
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api + "/auth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\": \"admin\", \"password\": \"" + ADMIN_PASSWORD + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        token = new ObjectMapper().readTree(login.body()).get("access_token").asText();
        System.out.println("resident memory per service (MiB) after start: " + stack.residentMemoryMiB());
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            System.out.println("resident memory per service (MiB) at the end: " + stack.residentMemoryMiB());
            stack.close();
        }
        KeptLogs.keep(dataDir, "PlatformIT");
    }

    @Test
    @Order(0)
    void nothingAnswersWithoutALogin() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(api + "/machines")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json.readTree(r.body()).get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(getJson("/auth/me").get("role").asText()).isEqualTo("admin");
    }

    @Test
    @Order(1)
    void aBadProfileUploadGetsA422NamingTheFieldsAndWritesNothing() throws Exception {
        HttpResponse<String> r = multipart("/machines", "bad.yaml", resource("bad-pump.yaml"), Map.of());
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode error = json.readTree(r.body());
        assertThat(error.get("code").asText()).isEqualTo("INVALID_PROFILE");
        assertThat(error.get("details").findValuesAsText("field"))
                .contains("machine_id", "sensors[0].noise", "rul.max_rul", "rul.cycles");
        assertThat(error.get("details").findValuesAsText("fix")).allMatch(fix -> !fix.isBlank());
        assertThat(get("/machines/pump_with_spaces").statusCode()).isEqualTo(404);
        assertThat(Files.exists(dataDir.resolve("artifacts/machines/pump_with_spaces")))
                .isFalse();
    }

    @Test
    @Order(2)
    void aYamlProfileGoesThroughSeedTrainingAndGenerationToParquetFiles() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> created = multipart("/machines", "pump.yaml", resource("e2e-pump.yaml"), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readTree(created.body()).get("machine_id").asText()).isEqualTo(MACHINE);

        JsonNode seedTask = post("/machines/" + MACHINE + "/seed", "{\"rows\": 2000}", 202);
        JsonNode seed = awaitTask(seedTask.get("task_id").asText(), Duration.ofSeconds(60));
        assertThat(seed.get("status").asText()).isEqualTo("succeeded");

        JsonNode trainTask = post(
                "/machines/" + MACHINE + "/train",
                "{\"model\": \"tvae\", \"epochs\": 40, \"pipeline\": \"auto\"}",
                202);
        String trainId = trainTask.get("task_id").asText();
        WebSocketRecorder socket =
                WebSocketRecorder.open(URI.create(stack.gatewayUrl()), "/ws/gan/training/" + trainId, token);
        assertThat(socket.awaitClose(Duration.ofSeconds(180)))
                .as(() -> "the training's socket closes; services' last errors:" + KeptLogs.problems(dataDir))
                .isTrue();
        List<JsonNode> messages = messages(socket);
        assertThat(messages).isNotEmpty();
        JsonNode last = messages.get(messages.size() - 1);
        assertThat(last.get("status").asText()).as(last.toString()).isEqualTo("succeeded");
        assertThat(last.get("epoch").asInt()).isEqualTo(40);
        assertThat(messages.stream()
                        .filter(m -> m.get("status").asText().equals("running"))
                        .count())
                .isGreaterThanOrEqualTo(1);

        JsonNode training = awaitTask(trainId, Duration.ofSeconds(30));
        assertThat(training.get("status").asText()).isEqualTo("succeeded");
        assertThat(training.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(Double.isFinite(training.get("loss").asDouble())).isTrue();
        JsonNode trainingJob = getJson("/training/jobs/" + trainId);
        assertThat(trainingJob.get("loss_curve")).hasSize(40);

        // pipeline auto: generation follows by itself, as the training task's next task.
        String generationId = training.get("next_task_id").asText();
        JsonNode generation = awaitTask(generationId, Duration.ofSeconds(120));
        assertThat(generation.get("status").asText()).as(generation.toString()).isEqualTo("succeeded");
        String datasetId = generation.get("result_id").asText();
        assertThat(generation.get("quality_overall").asDouble()).isBetween(0.0, 1.0);

        Map<String, Integer> expected = Map.of("train", 35_000, "val", 7_500, "test", 7_500);
        for (var split : expected.entrySet()) {
            HttpResponse<InputStream> file = http.send(
                    request(URI.create(api + "/machines/" + MACHINE + "/datasets/" + datasetId + "/download/"
                                    + split.getKey()))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(file.statusCode()).isEqualTo(200);
            Path local = dataDir.resolve("download-" + split.getKey() + ".parquet");
            try (InputStream in = file.body()) {
                Files.copy(in, local);
            }
            SensorTable table = ParquetTables.read(local);
            assertThat(table.rows()).isEqualTo(split.getValue());
            assertThat(table.sensorNames()).containsExactly("flow_rate_m3h", "bearing_temp_C", "vibration_mm_s");
        }
        System.out.printf(
                "end to end (seed 2,000 rows, 40 epochs, 50,000 rows generated and scored): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);

        JsonNode status = getJson("/machines/" + MACHINE + "/status");
        assertThat(status.get("state").asText()).isEqualTo("dataset_ready");
        assertThat(status.get("quality_overall").asDouble())
                .isEqualTo(generation.get("quality_overall").asDouble());

        JsonNode stats = getJson("/machines/" + MACHINE + "/datasets/" + datasetId + "/stats?split=val");
        assertThat(stats.get("rows").asInt()).isEqualTo(7_500);
        JsonNode histograms = getJson(
                "/machines/" + MACHINE + "/datasets/" + datasetId + "/histograms?split=train&bins=10&source=seed");
        assertThat(histograms.get("columns").get(0).get("counts")).hasSize(10);
        JsonNode verdict = json.readTree(http.send(
                        request(URI.create(api + "/machines/" + MACHINE + "/validate"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(verdict.get("dataset_id").asText()).isEqualTo(datasetId);
        assertThat(verdict.get("thresholds").get("minimum").asDouble()).isEqualTo(0.75);
    }

    @Test
    @Order(3)
    void aBatchSeedsThreeCatalogMachines() throws Exception {
        List<String> machines = List.of("pump_ksb_etanorm_001", "fan_ebmpapst_r3g_001", "conveyor_dorner_3200_001");
        JsonNode batch =
                post("/batch/seed", json.writeValueAsString(Map.of("machine_ids", machines, "seed_rows", 1000)), 202);
        String batchId = batch.get("batch_id").asText();
        assertThat(batch.get("total").asInt()).isEqualTo(3);
        awaitBatch(batchId, 3, Duration.ofSeconds(90));
        String csv = get("/batch/" + batchId + "/report?format=csv").body();
        assertThat(csv.lines()).hasSize(4);
    }

    /**
     * The answers the dashboard reads, of a simulated machine and of one from a user's data, against the
     * gateway's OpenAPI document, from which the dashboard's types are generated: every property the document
     * says is always there is there, and every value has the document's type.
     */
    @Test
    @Order(5)
    void everyAnswerTheDashboardReadsIsWhatTheOpenApiDocumentSays() throws Exception {
        List<String> problems = new ArrayList<>();
        BiConsumer<String, String> check = (documented, real) -> {
            try {
                problems.addAll(conformance("GET", documented, getJson(real)));
            } catch (Exception e) {
                problems.add(real + ": " + e.getMessage());
            }
        };
        String m = "/api/gan/machines/{id}";
        for (String machine : List.of(MACHINE, "fd003_units_1_4")) {
            String at = "/machines/" + machine;
            String seed = getJson(at + "/seeds").get(0).get("seed_id").asText();
            String dataset = getJson(at + "/datasets").get(0).get("dataset_id").asText();
            check.accept(m, at);
            for (String view : List.of("status", "tasks", "profile", "versions", "seeds", "models", "datasets")) {
                check.accept(m + "/" + view, at + "/" + view);
            }
            check.accept(m + "/versions/{version}", at + "/versions/1");
            check.accept(m + "/seeds/{seed}/rows", at + "/seeds/" + seed + "/rows?cycle=1&limit=20");
            check.accept(m + "/datasets/{dataset}", at + "/datasets/" + dataset);
            for (String view : List.of("quality", "rows", "stats", "histograms", "correlations")) {
                check.accept(m + "/datasets/{dataset}/" + view, at + "/datasets/" + dataset + "/" + view);
            }
        }
        check.accept("/api/gan/machines", "/machines");
        check.accept("/api/gan/templates", "/templates");
        check.accept("/api/gan/templates/{name}", "/templates/pump");
        check.accept("/api/gan/tasks", "/tasks");
        check.accept("/api/gan/training/jobs", "/training/jobs");
        String job = getJson("/training/jobs").get(0).get("job_id").asText();
        check.accept("/api/gan/training/jobs/{id}", "/training/jobs/" + job);
        check.accept(
                "/api/gan/tasks/{id}",
                "/tasks/" + getJson("/tasks").get(0).get("task_id").asText());
        assertThat(problems).isEmpty();
    }

    /**
     * The fault test: a batch of six machines trains and generates while the trainer is killed
     * (SIGKILL, as a crash) during a training and the generator during a generation. Nobody
     * restarts anything by hand: the stack's supervisor starts them again, Kafka redelivers what
     * they had not finished, and every machine gets its dataset, exactly one.
     */
    @Test
    @Order(6)
    void killedWorkersComeBackByThemselvesAndEveryDatasetArrivesOnce() throws Exception {
        List<String> machines = List.of(
                "motor_weg_w22_001",
                "pump_grundfos_cr10_001",
                "compressor_atlas_copco_ga30_001",
                "fan_greenheck_sfb_001",
                "conveyor_interroll_ecodrive_001",
                "cnc_haas_vf2_001");
        JsonNode seeds =
                post("/batch/seed", json.writeValueAsString(Map.of("machine_ids", machines, "seed_rows", 1000)), 202);
        awaitBatch(seeds.get("batch_id").asText(), machines.size(), Duration.ofSeconds(120));

        JsonNode batch = post(
                "/batch/train",
                json.writeValueAsString(
                        Map.of("machine_ids", machines, "model", "tvae", "epochs", 80, "pipeline", "auto")),
                202);
        long t0 = System.nanoTime();
        awaitStage("training", "running", Duration.ofSeconds(120));
        stack.kill("trainer-service");
        System.out.printf("killed trainer-service during a training after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        awaitStage(
                "generation", "queued", Duration.ofSeconds(300)); // generation reports no progress: queued until done
        stack.kill("generator-service");
        System.out.printf(
                "killed generator-service during a generation after %.1f s%n", (System.nanoTime() - t0) / 1e9);

        List<String> waiting = new java.util.ArrayList<>(machines);
        await(
                () -> "machines without a dataset after the kills: " + waiting,
                Duration.ofMinutes(8),
                Duration.ofSeconds(1),
                () -> {
                    for (String m : List.copyOf(waiting)) {
                        if (getJson("/machines/" + m + "/status")
                                .get("state")
                                .asText()
                                .equals("dataset_ready")) {
                            waiting.remove(m);
                        }
                    }
                    return waiting.isEmpty();
                });
        for (String m : machines) {
            assertThat(getJson("/machines/" + m + "/datasets").size())
                    .as(m + "'s datasets")
                    .isEqualTo(1);
        }
        // the batch of trainings followed each line on to its dataset (pipeline auto): finished only now, with the
        // quality
        JsonNode view = getJson("/batch/" + batch.get("batch_id").asText());
        for (JsonNode item : view.get("items")) {
            assertThat(item.get("stage").asText()).as(item.toString()).isEqualTo("generation");
            assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("succeeded");
            assertThat(item.get("quality_overall").isNumber())
                    .as(item.toString())
                    .isTrue();
        }
        assertThat(stack.restarts("trainer-service")).isGreaterThanOrEqualTo(1);
        assertThat(stack.restarts("generator-service")).isGreaterThanOrEqualTo(1);
        for (JsonNode task : getJson("/tasks?status=running")) {
            assertThat(machines)
                    .as("a task left running: " + task)
                    .doesNotContain(task.get("machine_id").asText());
        }
        System.out.printf(
                "six machines through two kills to one dataset each: %.1f s (batch %s)%n",
                (System.nanoTime() - t0) / 1e9, batch.get("batch_id").asText());
    }

    /**
     * The bad-input test: over a thousand requests no write endpoint may act on (see
     * {@link HostileRequests}). None is a 5xx, none shows a Java name, every 400 and 422 names the
     * field with a fix, and nothing is written: machines, tasks, users, keys and the artifact files
     * are the same before and after.
     */
    @Test
    @Order(7)
    void aThousandHostileWritesAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        String before = snapshot();
        List<HostileRequests.Probe> probes = HostileRequests.generate(1000, MACHINE, 42);
        // HTTP/1.1, as curl and most scripts send (the JDK's client would otherwise upgrade to h2c)
        HttpClient http1 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> wrong = new java.util.ArrayList<>();
        for (HostileRequests.Probe p : probes) {
            HttpRequest.Builder b = request(URI.create(api + p.path())).timeout(Duration.ofSeconds(60));
            if (p.contentType() != null) {
                b.header("Content-Type", p.contentType());
            }
            b.method(
                    p.method(),
                    p.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(p.body()));
            HttpResponse<String> r;
            try {
                r = http1.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                // a body over the limit may be cut off by closing the connection rather than read to its end
                boolean oversized = p.body() != null && p.body().length > 11 * 1024 * 1024;
                statuses.merge(oversized ? -413 : -1, 1, Integer::sum);
                if (!oversized) {
                    wrong.add(p.method() + " " + p.path() + " (" + p.what() + "): the connection broke: "
                            + e.getMessage());
                }
                continue;
            }
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String problem = problem(r);
            if (problem != null) {
                wrong.add(p.method() + " " + p.path() + " (" + p.what() + ") -> " + r.statusCode() + ": " + problem
                        + " " + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        System.out.println(
                probes.size() + " hostile requests, answers by status (-413: an oversized body cut off): " + statuses);
        assertThat(wrong).as("answers that are not a clear 4xx").isEmpty();
        assertThat(snapshot()).as("what the platform holds").isEqualTo(before);
        assertThat(getJson("/health").get("status").asText()).isEqualTo("UP");
    }

    /** What is wrong with the answer to a request that must be refused; null when nothing. */
    private String problem(HttpResponse<String> r) {
        int status = r.statusCode();
        if (status < 400 || status >= 500) {
            return "not a 4xx";
        }
        if (r.body().contains("java.")
                || r.body().contains("Exception")
                || r.body().contains("dev.fleetsynth")) {
            return "names Java internals";
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (Exception e) {
            return "not JSON";
        }
        if (body == null || !body.hasNonNull("code") || !body.hasNonNull("message")) {
            return "no code and message";
        }
        if (status == 400 || status == 422) {
            JsonNode details = body.path("details");
            if (!details.isArray()
                    || details.isEmpty()
                    || details.get(0).path("field").asText().isBlank()) {
                return "names no field";
            }
        }
        return null;
    }

    /** Machines (with their versions), tasks, users, keys and every artifact file. */
    private String snapshot() throws Exception {
        StringBuilder s = new StringBuilder();
        for (JsonNode m : getJson("/machines")) {
            s.append(m.get("machine_id").asText())
                    .append('@')
                    .append(m.path("version").asText())
                    .append('\n');
        }
        s.append("tasks ").append(getJson("/tasks?limit=1000").size()).append('\n');
        for (JsonNode u : getJson("/users")) {
            s.append("user ")
                    .append(u.get("username").asText())
                    .append(' ')
                    .append(u.get("role").asText())
                    .append('\n');
        }
        s.append("keys ").append(getJson("/keys").size()).append('\n');
        try (var files = Files.walk(dataDir.resolve("artifacts"))) {
            files.filter(Files::isRegularFile)
                    .map(f -> dataDir.relativize(f).toString())
                    .sorted()
                    .forEach(f -> s.append(f).append('\n'));
        }
        return s.toString();
    }

    private void awaitBatch(String batchId, int n, Duration timeout) {
        JsonNode[] view = {null};
        await(() -> "batch " + batchId + " did not finish: " + view[0], timeout, Duration.ofMillis(500), () -> {
            view[0] = getJson("/batch/" + batchId);
            return view[0].get("counts").path("succeeded").asInt() == n;
        });
    }

    /** Waits until some task of this stage has this status. */
    private void awaitStage(String stage, String status, Duration timeout) {
        await(
                () -> "no " + stage + " task was " + status + " within " + timeout,
                timeout,
                Duration.ofMillis(100),
                () -> getJson("/tasks?stage=" + stage + "&status=" + status).size() > 0);
    }

    @Test
    @Order(4)
    void aUsersRunToFailureTextGoesThroughUploadPreviewIngestTrainingAndGenerationToItsOwnShape() throws Exception {
        byte[] file = resource("fd003-units-1-4.txt");
        JsonNode upload = post(
                "/uploads",
                json.writeValueAsString(Map.of("file_name", "fd003-units-1-4.txt", "bytes", file.length)),
                201);
        String uploadId = upload.get("upload_id").asText();
        int chunk = upload.get("chunk_bytes").asInt();
        for (int i = 0; i < upload.get("chunks").asInt(); i++) {
            byte[] part = java.util.Arrays.copyOfRange(file, i * chunk, Math.min(file.length, (i + 1) * chunk));
            HttpResponse<String> r = http.send(
                    request(URI.create(api + "/uploads/" + uploadId + "/chunks/" + i))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(part))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        JsonNode preview = post("/uploads/" + uploadId + "/preview", "{}", 200);
        assertThat(conformance("POST", "/api/gan/uploads", upload)).isEmpty();
        assertThat(conformance("POST", "/api/gan/uploads/{upload_id}/preview", preview))
                .isEmpty();
        assertThat(preview.get("format").asText()).isEqualTo("whitespace");
        assertThat(preview.get("columns")).hasSize(26);
        String machine = preview.get("profile").get("machine_id").asText();
        assertThat(machine).isEqualTo("fd003_units_1_4");

        HttpResponse<String> created = http.send(
                request(URI.create(api + "/machines"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                preview.get("profile").toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode ingestTask = post(
                "/machines/" + machine + "/ingest",
                json.writeValueAsString(Map.of("upload_id", uploadId, "rul_cap", 125, "pipeline", "auto")),
                202);
        JsonNode seed = awaitTask(ingestTask.get("task_id").asText(), Duration.ofSeconds(60));
        assertThat(seed.get("status").asText()).as(seed.toString()).isEqualTo("succeeded");
        JsonNode report = getJson(
                "/machines/" + machine + "/seeds/" + seed.get("result_id").asText() + "/report");
        assertThat(report.get("rul").get("from").asText()).isEqualTo("end");
        assertThat(conformance("GET", "/api/gan/machines/{id}/seeds/{seed}/report", report))
                .isEmpty();

        // pipeline auto: the trainer trains the default (trajectory) model on the seed, then a dataset follows
        await(
                () -> "a dataset of the ingested data",
                Duration.ofSeconds(180),
                Duration.ofMillis(500),
                () -> !getJson("/machines/" + machine + "/datasets").isEmpty());
        JsonNode datasets = getJson("/machines/" + machine + "/datasets");
        JsonNode models = getJson("/machines/" + machine + "/models");
        assertThat(models.get(0).get("kind").asText()).isEqualTo("trajectory");
        assertThat(models.get(0).get("source").asText()).isEqualTo("real");
        String datasetId = datasets.get(0).get("dataset_id").asText();
        HttpResponse<InputStream> train = http.send(
                request(URI.create(api + "/machines/" + machine + "/datasets/" + datasetId + "/download/train"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Path local = dataDir.resolve("real-train.parquet");
        try (InputStream in = train.body()) {
            Files.copy(in, local);
        }
        dev.fleetsynth.engine.source.SourceTable table = dev.fleetsynth.engine.source.SourceFiles.read(local);
        assertThat(table.schema().fields()).hasSize(27);
        assertThat(table.schema().field("col2").orElseThrow().kind())
                .isEqualTo(dev.fleetsynth.engine.source.ColumnKind.INTEGER);
        assertThat(java.util.Arrays.stream(table.rul()).max().orElseThrow()).isLessThanOrEqualTo(125.0);

        JsonNode comparison = getJson("/machines/" + machine + "/compare?datasets=" + datasetId);
        assertThat(comparison.get("recommended").asText()).isEqualTo(datasetId);
        assertThat(conformance("GET", "/api/gan/machines/{id}/compare", comparison))
                .isEmpty();
        assertThat(comparison
                        .get("candidates")
                        .get(0)
                        .get("utility")
                        .get("rmse_mean_baseline")
                        .asDouble())
                .isPositive();

        JsonNode badModel = post("/machines/" + machine + "/train", "{\"model\": \"gan\"}", 400);
        assertThat(badModel.get("details").get(0).get("field").asText()).isEqualTo("model");
        JsonNode noBase = post("/machines/" + machine + "/train", "{\"strategy\": \"refine\"}", 409);
        assertThat(noBase.get("code").asText()).isEqualTo("MODEL_MISSING");
        JsonNode tooLarge = post("/uploads", "{\"file_name\": \"x.csv\", \"bytes\": 900000000}", 413);
        assertThat(tooLarge.get("details").get(0).get("field").asText()).isEqualTo("bytes");
    }

    @Test
    @Order(8)
    void aGenerationIsCancelledAndADeletedMachineLeavesNothingBehind() throws Exception {
        // a generation of seconds, cancelled at once through the gateway: queued or running, it ends cancelled
        String generation = post("/machines/" + MACHINE + "/generate", "{\"rows\": 2000000}", 202)
                .get("task_id")
                .asText();
        JsonNode cancel = post("/tasks/" + generation + "/cancel", "", 202);
        assertThat(cancel.get("status").asText()).isIn("cancelled", "cancelling");
        JsonNode cancelled = awaitTask(generation, Duration.ofSeconds(120));
        assertThat(cancelled.get("status").asText()).as(cancelled.toString()).isEqualTo("cancelled");
        assertThat(cancelled.get("error").get("code").asText()).isEqualTo("CANCELLED");
        assertThat(post("/tasks/" + generation + "/cancel", "", 409).get("code").asText())
                .isEqualTo("JOB_FINISHED");

        Path machineDir = dataDir.resolve("artifacts/machines/" + MACHINE);
        assertThat(files(machineDir))
                .anyMatch(f -> f.startsWith("seed/"))
                .anyMatch(f -> f.startsWith("models/"))
                .anyMatch(f -> f.startsWith("datasets/"))
                .noneMatch(f -> f.contains(generation));
        assertThat(getJson("/machines/" + MACHINE + "/tasks")).isNotEmpty();

        HttpResponse<String> deleted = http.send(
                request(URI.create(api + "/machines/" + MACHINE)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        long t0 = System.nanoTime();
        await(
                () -> "the deletion reaches every service: " + files(machineDir),
                Duration.ofSeconds(60),
                Duration.ofMillis(250),
                () -> files(machineDir).isEmpty()
                        && getJson("/machines/" + MACHINE + "/tasks").isEmpty());
        System.out.printf("machine deleted everywhere (rows and files) in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // made again under the same id, it starts empty: no seed, model, dataset or task of the old one
        HttpResponse<String> again = multipart("/machines", "pump.yaml", resource("e2e-pump.yaml"), Map.of());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(getJson("/machines/" + MACHINE + "/seeds")).isEmpty();
        assertThat(getJson("/machines/" + MACHINE + "/models")).isEmpty();
        assertThat(getJson("/machines/" + MACHINE + "/datasets")).isEmpty();
        assertThat(getJson("/machines/" + MACHINE + "/tasks")).isEmpty();
        assertThat(getJson("/machines/" + MACHINE + "/status").get("state").asText())
                .isEqualTo("profile_ready");
        assertThat(files(machineDir)).containsExactly("profile/v1.json");
    }

    @Test
    @Order(9)
    void aBrokerRestartInTheMiddleOfATrainingDoesNotLoseIt() throws Exception {
        String machine = "pump_ksb_etanorm_001"; // seeded by the batch test
        String training = post(
                        "/machines/" + machine + "/train",
                        "{\"model\": \"tvae\", \"epochs\": 150, \"early_stop\": 0}",
                        202)
                .get("task_id")
                .asText();
        long t0 = System.nanoTime();
        await(
                () -> "the training starts",
                Duration.ofSeconds(120),
                Duration.ofMillis(100),
                () -> getJson("/tasks/" + training).path("epoch").asInt() >= 1);
        stack.infrastructure().restartKafka(Duration.ofSeconds(5));
        System.out.printf(
                "Kafka restarted (5 s down) at epoch %d of a training%n",
                getJson("/tasks/" + training).path("epoch").asInt());

        JsonNode done = awaitTask(training, Duration.ofSeconds(300));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.get("epoch").asInt()).isEqualTo(150);
        String modelId = done.get("result_id").asText();
        assertThat(getJson("/machines/" + machine + "/models").findValuesAsText("model_id"))
                .containsOnlyOnce(modelId);
        assertThat(getJson("/training/jobs/" + training).get("loss_curve")).hasSize(150);
        // and the platform goes on: the next request after the restart is served
        String seed = post("/machines/" + machine + "/seed", "{\"rows\": 1000}", 202)
                .get("task_id")
                .asText();
        assertThat(awaitTask(seed, Duration.ofSeconds(60)).get("status").asText())
                .isEqualTo("succeeded");
        System.out.printf(
                "training through a broker restart, and a seed after it: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** How often each service was started again by the stack, for a failure's message. */
    private static String restarts() {
        return "\n  restarts: "
                + stack.ports().keySet().stream().collect(java.util.stream.Collectors.toMap(s -> s, stack::restarts));
    }

    /** The files under a directory, relative to it, sorted; none when it is missing. */
    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private JsonNode awaitTask(String taskId, Duration timeout) {
        JsonNode[] task = {null};
        await(
                () -> "task " + taskId + " did not finish in " + timeout + "; last: " + task[0],
                timeout,
                Duration.ofMillis(250),
                () -> {
                    HttpResponse<String> r = get("/tasks/" + taskId);
                    if (r.statusCode() == 200) {
                        task[0] = json.readTree(r.body());
                    }
                    return task[0] != null && task[0].get("finished").asBoolean();
                });
        return task[0];
    }

    /**
     * Polls {@code done} every {@code every} until it holds; after {@code timeout} the test fails
     * with {@code what}, the services' last errors and warnings, and how often each was restarted.
     */
    private void await(
            java.util.concurrent.Callable<String> what,
            Duration timeout,
            Duration every,
            java.util.concurrent.Callable<Boolean> done) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(every).until(done);
        } catch (ConditionTimeoutException e) {
            String said;
            try {
                said = what.call();
            } catch (Exception x) {
                said = "(could not say what: " + x.getMessage() + ")";
            }
            throw new AssertionError(said + "; services' last errors:" + KeptLogs.problems(dataDir) + restarts(), e);
        }
    }

    /** A request to the gateway as the first admin. */
    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(URI.create(api + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's OpenAPI document, read once. */
    private static JsonNode openApi;

    private List<String> conformance(String method, String documentedPath, JsonNode body) throws Exception {
        if (openApi == null) {
            HttpResponse<String> r = http.send(
                    request(URI.create(stack.gatewayUrl() + "/q/openapi?format=json"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            openApi = json.readTree(r.body());
        }
        return dev.fleetsynth.testkit.OpenApiConformance.problems(openApi, method, documentedPath, body);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode post(String path, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(
                request(URI.create(api + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(expected);
        return json.readTree(r.body());
    }

    private HttpResponse<String> multipart(String path, String fileName, byte[] content, Map<String, String> fields)
            throws Exception {
        String boundary = "fleetsynth-" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/yaml\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(
                request(URI.create(api + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = PlatformIT.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    private static List<JsonNode> messages(WebSocketRecorder socket) {
        ObjectMapper m = new ObjectMapper();
        return socket.messages().stream()
                .map(s -> {
                    try {
                        return m.readTree(s);
                    } catch (Exception e) {
                        throw new AssertionError(s, e);
                    }
                })
                .toList();
    }
}
