package dev.fleetsynth.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import dev.fleetsynth.events.DatasetGenerated;
import dev.fleetsynth.events.DeadLetter;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.GenerationRequested;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class GeneratorServiceTest {
    @jakarta.inject.Inject
    dev.fleetsynth.support.kafka.ProcessedEvents processedEvents;

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String MACHINE = "pump_gen_001";
    /** Model and seed shared by the tests (one training): made by the first test that needs them. */
    private static Fixture fixture;

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    private record Fixture(String modelId, String modelPath, String seedPath, SensorTable seed) {}

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static ArtifactStore store() {
        return new ArtifactStore(
                Path.of(ConfigProvider.getConfig().getValue("fleetsynth.artifacts.root", String.class)));
    }

    /** Plays seed-service and trainer-service: a 2,000-row seed and a 5-epoch model in the artifact store. */
    private static synchronized Fixture fixture() throws Exception {
        if (fixture == null) {
            MachineProfile pump =
                    Catalog.profile("pump_grundfos_cr10_001").orElseThrow().withIdentity(MACHINE, "Grundfos", "CR 10");
            SeedOptions options = new SeedOptions(2000, 42);
            SensorTable seed = SeedGenerator.generate(pump, options);
            String seedPath = ArtifactStore.seedPath(MACHINE, UUID.randomUUID().toString());
            ParquetTables.write(seed, store().resolve(seedPath));
            ParquetTables.write(
                    SeedGenerator.generate(pump, options.holdout()),
                    store().resolve(ArtifactStore.holdoutPath(seedPath)));
            TvaeModel model =
                    TvaeModel.train(seed, TvaeConfig.defaults().withEpochs(5), TrainingListener.NONE, () -> false);
            String modelId = UUID.randomUUID().toString();
            String modelPath = ArtifactStore.modelPath(MACHINE, modelId);
            model.save(store().resolve(modelPath));
            fixture = new Fixture(modelId, modelPath, seedPath, seed);
        }
        return fixture;
    }

    private void publish(FleetEvent event) {
        TopicReader.publish(bootstrap(), event.topic(), event.machineId(), codec.toJson(event));
    }

    private static GenerationRequested request(UUID jobId, Fixture f, String modelPath, int train, int val, int test) {
        return new GenerationRequested(
                UUID.randomUUID(),
                Instant.now(),
                MACHINE,
                jobId,
                f.modelId(),
                modelPath,
                f.seedPath(),
                train,
                val,
                test,
                42);
    }

    private static List<TopicReader.Record> results(UUID jobId) {
        return TopicReader.await(
                        bootstrap(),
                        List.of(Topics.DATASET_GENERATED, Topics.JOB_FAILED),
                        seen -> seen.stream().anyMatch(r -> r.value().contains(jobId.toString())),
                        WAIT)
                .stream()
                .filter(r -> r.value().contains(jobId.toString()))
                .toList();
    }

    private DatasetGenerated awaitGenerated(UUID jobId) {
        List<TopicReader.Record> records = results(jobId);
        assertThat(records).extracting(TopicReader.Record::topic).containsOnly(Topics.DATASET_GENERATED);
        return codec.fromJson(DatasetGenerated.class, records.get(0).value());
    }

    private JobFailed awaitFailed(UUID jobId) {
        List<TopicReader.Record> records = results(jobId);
        assertThat(records).extracting(TopicReader.Record::topic).containsOnly(Topics.JOB_FAILED);
        return codec.fromJson(JobFailed.class, records.get(0).value());
    }

    /** Waits until what was published before for the machine is handled: a failing request on the same partition, behind it. */
    private void drain(Fixture f) {
        UUID marker = UUID.randomUUID();
        publish(request(marker, f, ArtifactStore.modelPath(MACHINE, "no-such-model"), 10, 0, 0));
        awaitFailed(marker);
    }

    private static List<Path> datasetDirs() throws Exception {
        Path dir = store().resolve("machines/" + MACHINE + "/datasets");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** One generated dataset of 1,400/300/300 rows for the explorer tests. */
    private static DatasetGenerated explorerDataset;

    private synchronized DatasetGenerated explorerDataset() throws Exception {
        if (explorerDataset == null) {
            UUID jobId = UUID.randomUUID();
            publish(request(jobId, fixture(), fixture().modelPath(), 1400, 300, 300));
            explorerDataset = awaitGenerated(jobId);
        }
        return explorerDataset;
    }

    @Test
    void aGenerationRequestWritesTheDatasetAndPublishesDatasetGenerated() throws Exception {
        DatasetGenerated e = explorerDataset();
        Fixture f = fixture();
        String id = e.datasetId();
        assertThat(e.trainRows()).isEqualTo(1400);
        assertThat(e.valRows()).isEqualTo(300);
        assertThat(e.testRows()).isEqualTo(300);
        assertThat(e.modelId()).isEqualTo(f.modelId());
        assertThat(e.datasetPath()).isEqualTo(ArtifactStore.datasetPath(MACHINE, id));
        Path dir = store().resolve(e.datasetPath());
        for (String file : DatasetGenerator.SPLIT_FILES) {
            assertThat(dir.resolve(file)).isRegularFile();
        }
        assertThat(ParquetTables.read(dir.resolve("val.parquet")).rows()).isEqualTo(300);
        JsonNode quality = json.readTree(dir.resolve("quality.json").toFile());
        assertThat(quality.get("overall").asDouble()).isCloseTo(e.qualityOverall(), within(1e-12));
        assertThat(quality.get("synthetic_rows").asInt()).isEqualTo(2000);
        // the utility regressors are tested on the seed's holdout, which the model never saw
        assertThat(quality.get("utility").get("unseen_test").asBoolean()).isTrue();
        assertThat(quality.get("utility").get("test_rows").asInt()).isEqualTo(2000);
        assertThat(quality.get("utility").get("train_rows_synthetic").asInt()).isEqualTo(1400);

        given().get("/datasets/" + id)
                .then()
                .statusCode(200)
                .body("dataset_id", equalTo(id))
                .body("machine_id", equalTo(MACHINE))
                .body("job_id", equalTo(e.jobId().toString()))
                .body("model_id", equalTo(f.modelId()))
                .body("seed_path", equalTo(f.seedPath()))
                .body("train_rows", equalTo(1400))
                .body("val_rows", equalTo(300))
                .body("test_rows", equalTo(300))
                .body("rows", equalTo(2000))
                .body("grade", equalTo(e.grade()))
                .body("passed", equalTo(e.passed()))
                .body("quality_overall", notNullValue())
                .body("created_at", notNullValue());
        assertThat(given().get("/datasets?machine_id=" + MACHINE)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<String>jsonPath()
                        .getList("dataset_id"))
                .contains(id);
        given().get("/datasets/" + id + "/quality")
                .then()
                .statusCode(200)
                .body("overall", notNullValue())
                .body("column_scores", notNullValue())
                .body("synthetic_rows", equalTo(2000));
        given().get("/jobs/" + e.jobId())
                .then()
                .statusCode(200)
                .body("stage", equalTo("generation"))
                .body("status", equalTo("succeeded"))
                .body("dataset_id", equalTo(id));
    }

    @Test
    void aSeedWithoutAHoldoutHasItsLastCyclesHeldOutForTheUtility() throws Exception {
        Fixture f = fixture();
        String bare = ArtifactStore.seedPath(MACHINE, UUID.randomUUID().toString());
        ParquetTables.write(f.seed(), store().resolve(bare));
        UUID jobId = UUID.randomUUID();
        publish(new GenerationRequested(
                UUID.randomUUID(), Instant.now(), MACHINE, jobId, f.modelId(), f.modelPath(), bare, 700, 150, 150, 42));
        DatasetGenerated e = awaitGenerated(jobId);
        JsonNode utility = json.readTree(
                        store().resolve(e.datasetPath()).resolve("quality.json").toFile())
                .get("utility");
        assertThat(utility.get("unseen_test").asBoolean()).isFalse();
        assertThat(utility.get("split").asText()).contains("held out");
    }

    @Test
    void rowsArePaged() throws Exception {
        DatasetGenerated e = explorerDataset();
        SensorTable train = ParquetTables.read(store().resolve(e.datasetPath()).resolve("train.parquet"));
        Response page = given().get("/datasets/" + e.datasetId() + "/rows?split=train&offset=1350&limit=100");
        page.then()
                .statusCode(200)
                .body("split", equalTo("train"))
                .body("total", equalTo(1400))
                .body("offset", equalTo(1350))
                .body("limit", equalTo(100))
                .body("rows", hasSize(50))
                .body("columns[0]", equalTo("timestamp"))
                .body("columns[1]", equalTo("machine_id"))
                .body("columns[2]", equalTo("cycle"))
                .body("columns[3]", equalTo("rul"))
                .body("columns", hasSize(4 + train.sensorNames().size()));
        JsonNode row = json.readTree(page.asString()).get("rows").get(0);
        assertThat(row.get(1).asText()).isEqualTo(MACHINE);
        assertThat(row.get(2).asInt()).isEqualTo(train.cycle()[1350]);
        assertThat(row.get(3).asDouble()).isEqualTo(train.rul()[1350]);
        assertThat(row.get(4).asDouble()).isEqualTo(train.sensors().get(0)[1350]);
        given().get("/datasets/" + e.datasetId() + "/rows?split=test")
                .then()
                .statusCode(200)
                .body("total", equalTo(300))
                .body("limit", equalTo(100))
                .body("rows", hasSize(100));
    }

    @Test
    void statsHistogramsAndCorrelationsMatchIndependentComputations() throws Exception {
        DatasetGenerated e = explorerDataset();
        String id = e.datasetId();
        SensorTable val = ParquetTables.read(store().resolve(e.datasetPath()).resolve("val.parquet"));
        SensorTable seed = fixture().seed();
        String sensor = val.sensorNames().get(0);

        Response first = given().get("/datasets/" + id + "/stats?split=val");
        first.then().statusCode(200).header("X-Cache", "miss");
        JsonNode stats = json.readTree(first.asString());
        assertThat(stats.get("rows").asInt()).isEqualTo(300);
        JsonNode rul = column(stats.get("columns"), "rul");
        assertThat(rul.get("kind").asText()).isEqualTo("numeric");
        assertThat(rul.get("count").asInt()).isEqualTo(300);
        assertThat(rul.get("mean").asDouble())
                .isCloseTo(Arrays.stream(val.rul()).average().orElseThrow(), within(1e-9));
        assertThat(rul.get("min").asDouble())
                .isEqualTo(Arrays.stream(val.rul()).min().orElseThrow());
        assertThat(rul.get("max").asDouble())
                .isEqualTo(Arrays.stream(val.rul()).max().orElseThrow());
        double[] sorted = val.rul().clone();
        Arrays.sort(sorted);
        // 300 values: pandas' median is the mean of the 150th and 151st
        assertThat(rul.get("median").asDouble()).isCloseTo((sorted[149] + sorted[150]) / 2, within(1e-9));
        for (String field : List.of("std", "p25", "p75")) {
            assertThat(rul.get(field)).as(field).isNotNull();
        }
        JsonNode machine = column(stats.get("columns"), "machine_id");
        assertThat(machine.get("kind").asText()).isEqualTo("categorical");
        assertThat(machine.get("distinct").asInt()).isEqualTo(1);
        assertThat(machine.get("top").get(0).get("count").asInt()).isEqualTo(300);
        assertThat(column(stats.get("columns"), "timestamp").get("first").asText())
                .endsWith("Z");
        assertThat(column(stats.get("columns"), "cycle").get("distinct").asInt())
                .isEqualTo(val.cycles());

        Response second = given().get("/datasets/" + id + "/stats?split=val");
        second.then().statusCode(200).header("X-Cache", "hit");
        assertThat(json.readTree(second.asString())).isEqualTo(stats);

        JsonNode synthetic = json.readTree(given().get("/datasets/" + id + "/histograms?split=val&bins=10")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        JsonNode real = json.readTree(given().get("/datasets/" + id + "/histograms?split=val&bins=10&source=seed")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(synthetic.get("bins").asInt()).isEqualTo(10);
        assertThat(synthetic.get("source").asText()).isEqualTo("synthetic");
        assertThat(real.get("source").asText()).isEqualTo("seed");
        JsonNode hs = column(synthetic.get("columns"), sensor);
        JsonNode hr = column(real.get("columns"), sensor);
        assertThat(hs.get("edges")).hasSize(11).isEqualTo(hr.get("edges"));
        assertThat(hs.get("counts")).hasSize(10);
        assertThat(sum(hs.get("counts"))).isEqualTo(300);
        assertThat(sum(hr.get("counts"))).isEqualTo(2000);
        double lowest = Math.min(
                Arrays.stream(val.sensor(sensor)).min().orElseThrow(),
                Arrays.stream(seed.sensor(sensor)).min().orElseThrow());
        double highest = Math.max(
                Arrays.stream(val.sensor(sensor)).max().orElseThrow(),
                Arrays.stream(seed.sensor(sensor)).max().orElseThrow());
        assertThat(hs.get("edges").get(0).asDouble()).isEqualTo(lowest);
        assertThat(hs.get("edges").get(10).asDouble()).isEqualTo(highest);
        assertThat(synthetic.get("columns")).hasSize(1 + val.sensorNames().size());

        JsonNode corr = json.readTree(given().get("/datasets/" + id + "/correlations?split=val")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> names = json.convertValue(
                corr.get("columns"), json.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(names).first().isEqualTo("rul");
        assertThat(names).hasSize(1 + val.sensorNames().size());
        assertThat(corr.get("values")).hasSize(names.size());
        int s = names.indexOf(sensor);
        assertThat(corr.get("values").get(0).get(0).asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(corr.get("values").get(0).get(s).asDouble())
                .isCloseTo(new PearsonsCorrelation().correlation(val.rul(), val.sensor(sensor)), within(1e-12));
        assertThat(corr.get("values").get(s).get(0).asDouble())
                .isEqualTo(corr.get("values").get(0).get(s).asDouble());
        given().get("/datasets/" + id + "/correlations?split=val&source=seed")
                .then()
                .statusCode(200)
                .body("rows", equalTo(2000))
                .body("source", equalTo("seed"));
    }

    @Test
    void downloadsStreamParquetAndCsvWithAHeader() throws Exception {
        DatasetGenerated e = explorerDataset();
        SensorTable val = ParquetTables.read(store().resolve(e.datasetPath()).resolve("val.parquet"));
        Response csv = given().get("/datasets/" + e.datasetId() + "/download/val?format=csv");
        csv.then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("filename=\"" + MACHINE + "_val.csv\""));
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).isEqualTo("timestamp,machine_id,cycle,rul," + String.join(",", val.sensorNames()));
        String[] firstRow = lines.get(1).split(",");
        assertThat(firstRow[1]).isEqualTo(MACHINE);
        assertThat(Double.parseDouble(firstRow[3])).isEqualTo(val.rul()[0]);
        assertThat(Double.parseDouble(firstRow[4])).isEqualTo(val.sensors().get(0)[0]);

        byte[] parquet = given().get("/datasets/" + e.datasetId() + "/download/train")
                .then()
                .statusCode(200)
                .header("Content-Disposition", containsString(MACHINE + "_train.parquet"))
                .extract()
                .asByteArray();
        assertThat(parquet)
                .isEqualTo(Files.readAllBytes(store().resolve(e.datasetPath()).resolve("train.parquet")));
    }

    @Test
    void badParametersAre400NamingTheFieldAndUnknownIds404() throws Exception {
        String id = explorerDataset().datasetId();
        Map<String, String> bad = Map.of(
                "/rows?split=holdout", "split",
                "/rows?limit=0", "limit",
                "/rows?limit=5001", "limit",
                "/rows?offset=-3", "offset",
                "/stats?split=everything", "split",
                "/histograms?bins=0", "bins",
                "/histograms?bins=lots", "bins",
                "/histograms?source=real", "source",
                "/download/train?format=xlsx", "format",
                "/download/holdout", "split");
        bad.forEach((path, field) -> given().get("/datasets/" + id + path)
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"))
                .body("details[0].field", equalTo(field))
                .body("details[0].fix", notNullValue()));
        for (String path :
                List.of("", "/quality", "/rows", "/stats", "/histograms", "/correlations", "/download/train")) {
            given().get("/datasets/" + UUID.randomUUID() + path)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("NOT_FOUND"))
                    .body("message", containsString("does not exist"));
        }
        given().get("/jobs/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void theSameEventTwiceMakesOneDataset() throws Exception {
        Fixture f = fixture();
        UUID jobId = UUID.randomUUID();
        String event = codec.toJson(request(jobId, f, f.modelPath(), 700, 150, 150));
        TopicReader.publish(bootstrap(), Topics.GENERATION_REQUESTED, MACHINE, event);
        TopicReader.publish(bootstrap(), Topics.GENERATION_REQUESTED, MACHINE, event);
        drain(f);

        assertThat(results(jobId))
                .hasSize(1)
                .extracting(TopicReader.Record::topic)
                .containsOnly(Topics.DATASET_GENERATED);
        List<String> ids = given().get("/datasets?machine_id=" + MACHINE)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("job_id");
        assertThat(ids).containsOnlyOnce(jobId.toString());
        assertThat(datasetDirs())
                .filteredOn(p -> p.getFileName().toString().contains(jobId.toString()))
                .containsExactly(store().resolve(ArtifactStore.datasetPath(MACHINE, jobId.toString())));
        assertThat(datasetDirs()).noneMatch(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void aMissingModelOrSeedOrBadSizesFailTheJobAndWriteNothing() throws Exception {
        Fixture f = fixture();
        UUID jobId = UUID.randomUUID();
        publish(request(jobId, f, ArtifactStore.modelPath(MACHINE, "gone"), 700, 150, 150));
        JobFailed failed = awaitFailed(jobId);
        assertThat(failed.code()).isEqualTo(FailureCode.MODEL_MISSING);
        assertThat(failed.stage()).isEqualTo(Stage.GENERATION);
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, jobId.toString()))))
                .isFalse();
        given().get("/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error_code", equalTo("MODEL_MISSING"));
        given().get("/datasets/" + jobId).then().statusCode(404);

        UUID noSeed = UUID.randomUUID();
        publish(new GenerationRequested(
                UUID.randomUUID(),
                Instant.now(),
                MACHINE,
                noSeed,
                f.modelId(),
                f.modelPath(),
                ArtifactStore.seedPath(MACHINE, "gone"),
                700,
                150,
                150,
                42));
        assertThat(awaitFailed(noSeed).code()).isEqualTo(FailureCode.SEED_MISSING);

        UUID noRows = UUID.randomUUID();
        publish(request(noRows, f, f.modelPath(), 0, 150, 150));
        assertThat(awaitFailed(noRows).code()).isEqualTo(FailureCode.INVALID_REQUEST);
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, noRows.toString()))))
                .isFalse();

        // more rows than the memory holds: refused at once with the most that fit, and the service stays up
        UUID tooLarge = UUID.randomUUID();
        publish(request(tooLarge, f, f.modelPath(), 700_000, 150_000, 150_000));
        JobFailed large = awaitFailed(tooLarge);
        assertThat(large.code()).isEqualTo(FailureCode.DATASET_TOO_LARGE);
        assertThat(large.message()).contains("1,000,000 rows", "ask for at most");
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, tooLarge.toString()))))
                .isFalse();
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRequestWhoseJobTookTheServiceDownThreeTimesIsGivenUpNotStartedAgain() throws Exception {
        Fixture f = fixture();
        UUID jobId = UUID.randomUUID();
        GenerationRequested poison = request(jobId, f, f.modelPath(), 700, 150, 150);
        // three starts that never finished: what three crashes of the service during this job leave behind
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 3; i++) {
                dev.fleetsynth.support.kafka.EventAttempt.next(poison.eventId(), poison.topic());
            }
        });
        publish(poison);
        JobFailed failed = awaitFailed(jobId);
        assertThat(failed.code()).isEqualTo(FailureCode.WORKER_CRASHED);
        assertThat(failed.message()).contains("stopped 3 times");
        // and the request itself goes, whole, to the dead-letter topic
        DeadLetter letter = TopicReader.await(
                        bootstrap(),
                        List.of(Topics.DEAD_LETTER),
                        seen -> seen.stream()
                                .anyMatch(
                                        r -> r.value().contains(poison.eventId().toString())),
                        WAIT)
                .stream()
                .filter(r -> r.value().contains(poison.eventId().toString()))
                .map(r -> codec.fromJson(DeadLetter.class, r.value()))
                .findFirst()
                .orElseThrow();
        assertThat(letter.service()).isEqualTo("generator-service");
        assertThat(letter.originalTopic()).isEqualTo(Topics.GENERATION_REQUESTED);
        assertThat(letter.code()).isEqualTo(FailureCode.WORKER_CRASHED);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.machineId()).isEqualTo(MACHINE);
        assertThat(codec.fromJson(GenerationRequested.class, letter.original())).isEqualTo(poison);
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, jobId.toString()))))
                .isFalse();
        given().get("/jobs/" + jobId).then().statusCode(200).body("error_code", equalTo("WORKER_CRASHED"));
        // the consumer has moved on: the next request is served
        UUID next = UUID.randomUUID();
        publish(request(next, f, f.modelPath(), 700, 150, 150));
        awaitGenerated(next);
    }

    @Test
    void aRequestCancelledWhileItWaitsInKafkaIsAnnouncedAtOnceAndNeverRun() throws Exception {
        Fixture f = fixture();
        UUID jobId = UUID.randomUUID();
        // no row yet: the gateway passes the machine, which only the request knows
        given().post("/jobs/" + jobId + "/cancel")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("machine_id"));
        given().post("/jobs/" + jobId + "/cancel?machine_id=" + MACHINE)
                .then()
                .statusCode(202)
                .body("status", equalTo("cancelled"))
                .body("machine_id", equalTo(MACHINE));
        JobFailed announced = awaitFailed(jobId);
        assertThat(announced.code()).isEqualTo(FailureCode.CANCELLED);
        assertThat(announced.stage()).isEqualTo(Stage.GENERATION);

        publish(request(jobId, f, f.modelPath(), 700, 150, 150)); // the request reaches the worker afterwards
        drain(f);
        given().get("/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled"))
                .body("error_code", equalTo("CANCELLED"));
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, jobId.toString()))))
                .isFalse();
        given().get("/datasets/" + jobId).then().statusCode(404);
        given().post("/jobs/" + jobId + "/cancel").then().statusCode(409).body("code", equalTo("JOB_FINISHED"));
        given().post("/jobs/not-a-job/cancel").then().statusCode(400).body("details[0].field", equalTo("job_id"));
    }

    @Test
    void aRunningGenerationStopsAtItsNextCheckAndLeavesNoDataset() throws Exception {
        Fixture f = fixture();
        UUID jobId = UUID.randomUUID();
        // the most rows the test's memory setting allows: scoring them takes seconds, the cancel a few milliseconds
        publish(request(jobId, f, f.modelPath(), 140_000, 30_000, 30_000));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> given().get("/jobs/" + jobId).statusCode() == 200);
        given().post("/jobs/" + jobId + "/cancel").then().statusCode(202).body("status", equalTo("cancelling"));
        JobFailed failed = awaitFailed(jobId);
        assertThat(failed.code()).isEqualTo(FailureCode.CANCELLED);
        assertThat(failed.message()).contains("while it ran");
        given().get("/jobs/" + jobId).then().statusCode(200).body("status", equalTo("cancelled"));
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, jobId.toString()))))
                .isFalse();
        assertThat(datasetDirs()).noneMatch(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void anOutcomeRecordedButNeverPublishedGoesOutWhenItsTriggerComesBack() throws Exception {
        // the state a crash between the commit and the publish leaves: the trigger handled, its outcome in the outbox
        Fixture f = fixture();
        UUID jobId = UUID.randomUUID();
        GenerationRequested trigger = request(jobId, f, f.modelPath(), 700, 150, 150);
        JobFailed recorded = JobFailed.now(
                MACHINE, jobId, Stage.GENERATION, FailureCode.INVALID_REQUEST, "recorded before the crash");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            processedEvents.markProcessed(trigger);
            dev.fleetsynth.support.kafka.Outbox.record(trigger, recorded);
        });
        publish(trigger); // Kafka delivers the trigger again after the restart
        JobFailed published = awaitFailed(jobId);
        assertThat(published.eventId()).isEqualTo(recorded.eventId());
        assertThat(published.message()).isEqualTo("recorded before the crash");
        assertThat(Files.exists(store().resolve(ArtifactStore.datasetPath(MACHINE, jobId.toString()))))
                .isFalse();
    }

    @Test
    void aManualModelTrainedGeneratesNothingAndAnAutoOneTheDefaultDataset() throws Exception {
        Fixture f = fixture();
        ModelTrained manual = new ModelTrained(
                UUID.randomUUID(),
                Instant.now(),
                MACHINE,
                UUID.randomUUID(),
                f.modelId(),
                f.modelPath(),
                "seed",
                f.seedPath(),
                5,
                1.0,
                1000,
                Pipeline.MANUAL);
        publish(manual);
        drain(f);
        given().get("/jobs/" + JobRunner.derivedJobId(Stage.GENERATION, manual))
                .then()
                .statusCode(404);

        ModelTrained auto = new ModelTrained(
                UUID.randomUUID(),
                Instant.now(),
                MACHINE,
                UUID.randomUUID(),
                f.modelId(),
                f.modelPath(),
                "seed",
                f.seedPath(),
                5,
                1.0,
                1000,
                Pipeline.AUTO);
        publish(auto);
        DatasetGenerated e = awaitGenerated(JobRunner.derivedJobId(Stage.GENERATION, auto));
        assertThat(List.of(e.trainRows(), e.valRows(), e.testRows())).containsExactly(35_000, 7_500, 7_500);
        given().get("/datasets/" + e.datasetId())
                .then()
                .statusCode(200)
                .body("random_seed", equalTo(42))
                .body("rows", equalTo(50_000));
    }

    @Test
    void healthIsUpAndGenerationMetricsAreServed() throws Exception {
        explorerDataset();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fleetsynth_jobs_started_total{stage=\"generation\"}"))
                .body(containsString("fleetsynth_rows_generated_total{kind=\"synthetic\"}"));
    }

    private static JsonNode column(JsonNode columns, String name) {
        for (JsonNode c : columns) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    private static long sum(JsonNode counts) {
        long s = 0;
        for (JsonNode c : counts) {
            s += c.asLong();
        }
        return s;
    }

    @Test
    void theOpenApiDocumentNamesPropertiesAsTheJsonDoesAndTheGatewayCopiesIt() {
        dev.fleetsynth.testkit.OpenApiContract.assertServiceDocument("generator", "DatasetView", "dataset_id");
    }
}
