package dev.fleetsynth.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.tvae.Checkpoint;
import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.events.TrainingProgress;
import dev.fleetsynth.events.TrainingRequested;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import dev.fleetsynth.trainer.coordination.TrainingLock;
import dev.fleetsynth.trainer.job.Checkpoints;
import dev.fleetsynth.trainer.job.TrainingJobRows;
import dev.fleetsynth.trainer.job.TrainingTriggers;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class TrainerServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final EventCodec codec = new EventCodec();

    @Inject
    ArtifactStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    TrainingTriggers consumer;

    @Inject
    TrainingJobRows jobs;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A 2,000-row seed of a catalog pump, written where the seed service would put it; returns its seed id. */
    private String writeSeed(String machineId) throws Exception {
        String seedId = UUID.randomUUID().toString();
        var table = SeedGenerator.generate(
                Catalog.profile("pump_grundfos_cr10_001").orElseThrow(), new SeedOptions(2_000, 7));
        store.writeFile(ArtifactStore.seedPath(machineId, seedId), tmp -> ParquetTables.write(table, tmp));
        return seedId;
    }

    /**
     * A TVAE training of exactly {@code epochs} (early_stop 0): epochs, progress and cancellation are
     * the gradient-trained model's (a seed's default is the trajectory model).
     */
    private static TrainingRequested request(String machineId, String seedId, int epochs) {
        return request(machineId, seedId, epochs, 0);
    }

    private static TrainingRequested request(String machineId, String seedId, int epochs, Integer earlyStop) {
        return new TrainingRequested(
                UUID.randomUUID(),
                Instant.now(),
                machineId,
                UUID.randomUUID(),
                seedId,
                ArtifactStore.seedPath(machineId, seedId),
                epochs,
                500,
                42,
                Pipeline.MANUAL,
                "tvae",
                null,
                null,
                null,
                earlyStop);
    }

    private void publish(FleetEvent e) {
        TopicReader.publish(bootstrap(), e.topic(), e.machineId(), codec.toJson(e));
    }

    /** The events of one type about one job, once {@code done} holds for them. */
    private <T extends FleetEvent> List<T> await(Class<T> type, String topic, UUID jobId, Predicate<List<T>> done) {
        Predicate<TopicReader.Record> about = r -> r.value().contains(jobId.toString());
        List<TopicReader.Record> records = TopicReader.await(
                bootstrap(),
                List.of(topic),
                seen -> done.test(seen.stream()
                        .filter(about)
                        .map(r -> codec.fromJson(type, r.value()))
                        .toList()),
                WAIT);
        return records.stream()
                .filter(about)
                .map(r -> codec.fromJson(type, r.value()))
                .toList();
    }

    private <T extends FleetEvent> T awaitOne(Class<T> type, String topic, UUID jobId) {
        return await(type, topic, jobId, l -> !l.isEmpty()).get(0);
    }

    /** Events of a type about a job that are on the topic right now (read up to the end offsets). */
    private <T extends FleetEvent> List<T> now(Class<T> type, String topic, UUID jobId) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(TopicReader.clientProperties(
                bootstrap(),
                Map.of(
                        "enable.auto.commit", "false",
                        "key.deserializer", StringDeserializer.class.getName(),
                        "value.deserializer", StringDeserializer.class.getName())))) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<T> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value().contains(jobId.toString())) {
                        found.add(codec.fromJson(type, r.value()));
                    }
                }
            }
            return found;
        }
    }

    private static JsonPath job(UUID jobId) {
        return given().get("/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    private static void awaitJob(UUID jobId, Predicate<JsonPath> done) {
        try {
            Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                var r = given().get("/jobs/" + jobId);
                return r.statusCode() == 200 && done.test(r.jsonPath());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("job " + jobId + " never got there: "
                    + given().get("/jobs/" + jobId).asString());
        }
    }

    private Path modelDir(String machineId, UUID jobId) {
        return store.resolve(ArtifactStore.modelPath(machineId, jobId.toString()));
    }

    @Test
    void aRequestTrainsAModelReportingProgressAndItsRedeliveryChangesNothing() throws Exception {
        String machine = "pump_train_001";
        String seedId = writeSeed(machine);
        TrainingRequested req = request(machine, seedId, 5);
        String json = codec.toJson(req);
        TopicReader.publish(bootstrap(), Topics.TRAINING_REQUESTED, machine, json);
        TopicReader.publish(bootstrap(), Topics.TRAINING_REQUESTED, machine, json);
        // Same machine, so same partition, handled after both copies: once it is done, so is the redelivery.
        TrainingRequested after = request(machine, "no-such-seed", 5);
        publish(after);

        JobFailed marker = awaitOne(JobFailed.class, Topics.JOB_FAILED, after.jobId());
        assertThat(marker.code()).isEqualTo(FailureCode.SEED_MISSING);
        assertThat(marker.stage()).isEqualTo(Stage.TRAINING);

        List<ModelTrained> trained = now(ModelTrained.class, Topics.MODEL_TRAINED, req.jobId());
        assertThat(trained).hasSize(1);
        ModelTrained m = trained.get(0);
        assertThat(m.modelId()).isEqualTo(req.jobId().toString());
        assertThat(m.modelPath())
                .isEqualTo(ArtifactStore.modelPath(machine, req.jobId().toString()));
        assertThat(m.seedId()).isEqualTo(seedId);
        assertThat(m.epochs()).isEqualTo(5);
        assertThat(m.finalLoss()).isFinite();
        assertThat(m.pipeline()).isEqualTo(Pipeline.MANUAL);

        List<TrainingProgress> progress = now(TrainingProgress.class, Topics.TRAINING_PROGRESS, req.jobId());
        assertThat(progress).isNotEmpty().allSatisfy(p -> {
            assertThat(p.jobId()).isEqualTo(req.jobId());
            assertThat(p.epochs()).isEqualTo(5);
        });
        assertThat(progress.get(0).epoch()).isZero();
        assertThat(progress.get(progress.size() - 1).epoch()).isEqualTo(5);
        assertThat(progress.get(progress.size() - 1).loss()).isEqualTo(m.finalLoss());
        assertThat(progress.stream().mapToInt(TrainingProgress::epoch)).isSorted();

        Path dir = modelDir(machine, req.jobId());
        assertThat(dir.resolve(TvaeModel.PARAMS_FILE)).isRegularFile();
        assertThat(dir.resolve(TvaeModel.JSON_FILE)).isRegularFile();
        TvaeModel saved = TvaeModel.load(dir);
        assertThat(saved.training().lossCurve()).hasSize(5);
        // fleetsynth.training.threads in the test profile
        assertThat(saved.config().threads()).isEqualTo(2);
        try (Stream<Path> models = Files.list(dir.getParent())) {
            assertThat(models.filter(p -> !p.getFileName().toString().startsWith(".")))
                    .hasSize(1);
        }
        assertThat(store.exists(ArtifactStore.modelPath(machine, after.jobId().toString())))
                .isFalse();

        JsonPath job = job(req.jobId());
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getFloat("progress")).isEqualTo(1.0f);
        assertThat(job.getInt("epoch")).isEqualTo(5);
        assertThat(job.getInt("epochs")).isEqualTo(5);
        assertThat(job.getList("loss_curve")).hasSize(5);
        assertThat(job.getString("model_id")).isEqualTo(req.jobId().toString());
        assertThat(job.getString("seed_id")).isEqualTo(seedId);
        assertThat(job.getString("started_at")).isNotNull();
        assertThat(job.getString("finished_at")).isNotNull();
        assertThat(job.getBoolean("cancel_requested")).isFalse();
        assertThat(job.getMap("$")).doesNotContainKey("error_code");

        JsonPath failed = job(after.jobId());
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error_code")).isEqualTo("SEED_MISSING");
        assertThat(failed.getString("error_message")).contains("no-such-seed");

        given().get("/jobs?machine_id=" + machine)
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("[0].job_id", equalTo(after.jobId().toString()))
                .body("[1].job_id", equalTo(req.jobId().toString()))
                .body("[1]", not(hasKey("loss_curve")))
                .body("[1].progress", equalTo(1.0f));
        given().get("/jobs?machine_id=" + machine + "&status=succeeded")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        given().get("/models?machine_id=" + machine)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].model_id", equalTo(req.jobId().toString()))
                .body("[0].job_id", equalTo(req.jobId().toString()))
                .body("[0].seed_id", equalTo(seedId))
                .body("[0].path", equalTo(m.modelPath()))
                .body("[0].epochs", equalTo(5))
                .body("[0].created_at", notNullValue());
        given().get("/models/" + req.jobId())
                .then()
                .statusCode(200)
                .body("final_loss", notNullValue())
                .body("duration_ms", notNullValue());
    }

    @Test
    void aTrainingWithEarlyStopEndsWhenItsQualityStopsImprovingAndKeepsItsBestEpoch() throws Exception {
        String machine = "pump_until_quality_001";
        String seedId = writeSeed(machine);
        TrainingRequested req = request(machine, seedId, 300, 5);
        publish(req);
        ModelTrained m = awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, req.jobId());
        assertThat(m.epochs()).isLessThan(300);
        TvaeModel saved = TvaeModel.load(modelDir(machine, req.jobId()));
        assertThat(saved.training().outcome())
                .isEqualTo(dev.fleetsynth.engine.tvae.TrainingResult.Outcome.STOPPED_EARLY);
        assertThat(saved.config().earlyStopPatience()).isEqualTo(5);
        JsonPath job = job(req.jobId());
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getInt("epochs")).isEqualTo(300);
        assertThat(job.getList("loss_curve")).hasSize(m.epochs());
    }

    @Test
    void aModelSavedByARunThatDiedBeforeRecordingItIsRecordedNotTrainedAgain() throws Exception {
        String machine = "pump_recover_001";
        String seedId = writeSeed(machine);
        TrainingRequested req = request(machine, seedId, 50);
        var seed = ParquetTables.read(store.resolve(req.seedPath()));
        TvaeModel earlier = TvaeModel.train(seed, TvaeConfig.defaults().withEpochs(2), p -> {}, () -> false);
        store.writeDirectory(ArtifactStore.modelPath(machine, req.jobId().toString()), earlier::save);

        publish(req);
        ModelTrained m = awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, req.jobId());
        assertThat(m.epochs()).isEqualTo(2);
        assertThat(m.finalLoss()).isEqualTo(earlier.training().finalLoss());
        assertThat(now(TrainingProgress.class, Topics.TRAINING_PROGRESS, req.jobId()))
                .isEmpty();
        JsonPath job = job(req.jobId());
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getList("loss_curve")).hasSize(2);
        given().get("/models/" + req.jobId()).then().statusCode(200).body("epochs", equalTo(2));
    }

    @Test
    void aTrainingWhoseServiceDiedGoesOnFromItsCheckpoint() throws Exception {
        String machine = "pump_resume_001";
        String seedId = writeSeed(machine);
        TrainingRequested req = request(machine, seedId, 40);
        // What a run of this job that died at epoch 25 left: its checkpoint at epoch 20 (kept every 20 epochs),
        // made here by the same training stopped once it had one.
        var seed = dev.fleetsynth.engine.source.SourceFiles.read(store.resolve(req.seedPath()));
        Checkpoint[] kept = new Checkpoint[1];
        TrainingListener dying = new TrainingListener() {
            @Override
            public void epoch(EpochProgress p) {}

            @Override
            public int checkpointEvery() {
                return 20;
            }

            @Override
            public void checkpoint(Checkpoint c) {
                kept[0] = c;
            }
        };
        ModelTraining.train(
                seed,
                null,
                ModelKind.TVAE,
                FitOptions.defaults().withEpochs(40).withSeed(42),
                dying,
                () -> kept[0] != null);
        Path file = store.resolve(
                Checkpoints.path(ArtifactStore.modelPath(machine, req.jobId().toString())));
        kept[0].write(file);

        publish(req); // Kafka delivers the request again after the restart
        ModelTrained trained = awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, req.jobId());
        assertThat(trained.epochs()).isEqualTo(40);
        JsonNode curve = new ObjectMapper()
                .readTree(given().get("/jobs/" + req.jobId()).asString())
                .get("loss_curve");
        assertThat(curve).hasSize(40);
        for (int e = 0; e < 20; e++) {
            assertThat(curve.get(e).asDouble())
                    .as("epoch %d is the first run's", e + 1)
                    .isEqualTo(kept[0].lossCurve()[e]);
        }
        assertThat(now(TrainingProgress.class, Topics.TRAINING_PROGRESS, req.jobId()))
                .extracting(TrainingProgress::epoch)
                .as("no epoch of the first run is trained again")
                .allMatch(epoch -> epoch == 0 || epoch > 20)
                .contains(40);
        assertThat(file).as("the checkpoint goes with the job").doesNotExist();
    }

    @Test
    void theSeedOfAnAutoMachineIsTrainedOnByItselfAndAManualOneIsNot() throws Exception {
        String machine = "pump_auto_001";
        String seedId = writeSeed(machine);
        SeedReady manual = new SeedReady(
                UUID.randomUUID(),
                Instant.now(),
                machine,
                UUID.randomUUID(),
                seedId,
                ArtifactStore.seedPath(machine, seedId),
                2_000,
                10,
                1,
                100,
                Pipeline.MANUAL);
        SeedReady auto = new SeedReady(
                UUID.randomUUID(),
                Instant.now(),
                machine,
                UUID.randomUUID(),
                seedId,
                ArtifactStore.seedPath(machine, seedId),
                2_000,
                10,
                1,
                100,
                Pipeline.AUTO);
        publish(manual);
        publish(auto);
        UUID jobId = JobRunner.derivedJobId(Stage.TRAINING, auto);

        ModelTrained m = awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, jobId);
        assertThat(m.pipeline()).isEqualTo(Pipeline.AUTO);
        // a seed is run-to-failure data: the pipeline's default model is the trajectory model, fitted in closed form
        assertThat(m.modelKind()).isEqualTo("trajectory");
        assertThat(m.epochs()).isZero();
        assertThat(m.seedId()).isEqualTo(seedId);
        JsonPath job = job(jobId);
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getString("pipeline")).isEqualTo("auto");
        assertThat(job.getInt("batch_size")).isEqualTo(500);
        assertThat(job.getLong("random_seed")).isEqualTo(42L);
        given().get("/jobs/" + JobRunner.derivedJobId(Stage.TRAINING, manual))
                .then()
                .statusCode(404);
        given().get("/jobs?machine_id=" + machine).then().body("$", hasSize(1));
    }

    @Test
    void aCancelledTrainingStopsAndKeepsNoModel() throws Exception {
        String machine = "pump_cancel_001";
        TrainingRequested req = request(machine, writeSeed(machine), 2_000);
        publish(req);
        awaitOne(TrainingProgress.class, Topics.TRAINING_PROGRESS, req.jobId());

        given().post("/jobs/" + req.jobId() + "/cancel")
                .then()
                .statusCode(202)
                .body("job_id", equalTo(req.jobId().toString()))
                .body("cancel_requested", equalTo(true));
        JobFailed failed = awaitOne(JobFailed.class, Topics.JOB_FAILED, req.jobId());
        assertThat(failed.code()).isEqualTo(FailureCode.CANCELLED);

        JsonPath job = job(req.jobId());
        assertThat(job.getString("status")).isEqualTo("cancelled");
        assertThat(job.getString("error_code")).isEqualTo("CANCELLED");
        assertThat(job.getInt("epoch")).isLessThan(2_000);
        assertThat(job.getString("started_at")).isNotNull();
        assertThat(Files.exists(modelDir(machine, req.jobId()))).isFalse();
        assertThat(now(ModelTrained.class, Topics.MODEL_TRAINED, req.jobId())).isEmpty();
        assertThat(redis.key().exists(TrainingLock.key(machine)))
                .as("lock released")
                .isFalse();

        given().post("/jobs/" + req.jobId() + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("JOB_FINISHED"))
                .body("message", containsString("cancelled"))
                .body("details", empty());
    }

    @Test
    void aJobWaitsQueuedWhileItsMachineIsTrainingElsewhereAndCanBeCancelledThere() throws Exception {
        String machine = "pump_lock_001";
        String seedId = writeSeed(machine);
        String lockKey = TrainingLock.key(machine);
        // Another replica is training this machine.
        redis.value(String.class)
                .set(lockKey, "another-replica", new io.quarkus.redis.datasource.value.SetArgs().px(120_000));

        TrainingRequested waiting = request(machine, seedId, 3);
        publish(waiting);
        Awaitility.await("the worker claims the job")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jobs.current(waiting.jobId()) != null && jobs.current(waiting.jobId()).claimedBy != null);
        // and then waits for the lock: for 1.5 s the job stays queued, with no start and no progress
        Awaitility.await()
                .during(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> "queued".equals(jobs.current(waiting.jobId()).status));
        JsonPath queued = job(waiting.jobId());
        assertThat(queued.getString("status")).isEqualTo("queued");
        assertThat(queued.getMap("$")).doesNotContainKey("started_at");
        assertThat(now(TrainingProgress.class, Topics.TRAINING_PROGRESS, waiting.jobId()))
                .isEmpty();

        // A request behind it, still in Kafka (the worker is busy waiting): listed as queued at once, cancelled at
        // once.
        TrainingRequested behind = request(machine, seedId, 3);
        publish(behind);
        awaitJob(behind.jobId(), j -> "queued".equals(j.getString("status")));
        given().post("/jobs/" + behind.jobId() + "/cancel")
                .then()
                .statusCode(202)
                .body("status", equalTo("cancelled"));
        assertThat(awaitOne(JobFailed.class, Topics.JOB_FAILED, behind.jobId()).code())
                .isEqualTo(FailureCode.CANCELLED);

        // The waiting job, cancelled while it waits for the lock.
        given().post("/jobs/" + waiting.jobId() + "/cancel")
                .then()
                .statusCode(202)
                .body("status", equalTo("queued"));
        assertThat(awaitOne(JobFailed.class, Topics.JOB_FAILED, waiting.jobId()).code())
                .isEqualTo(FailureCode.CANCELLED);
        JsonPath cancelled = job(waiting.jobId());
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getMap("$")).doesNotContainKey("started_at");
        assertThat(redis.value(String.class).get(lockKey))
                .as("not someone else's lock to free")
                .isEqualTo("another-replica");

        // Once the machine is free, the next request runs.
        TrainingRequested next = request(machine, seedId, 3);
        publish(next);
        Awaitility.await()
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> "queued"
                        .equals(given().get("/jobs/" + next.jobId()).jsonPath().getString("status")));
        redis.key().del(lockKey);
        awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, next.jobId());

        // The request cancelled in Kafka was dropped when the worker reached it: one job.failed, no model.
        assertThat(now(JobFailed.class, Topics.JOB_FAILED, behind.jobId())).hasSize(1);
        assertThat(job(behind.jobId()).getString("status")).isEqualTo("cancelled");
        assertThat(Files.exists(modelDir(machine, behind.jobId()))).isFalse();
        assertThat(Files.exists(modelDir(machine, waiting.jobId()))).isFalse();
    }

    @Test
    void twoTrainingsOfOneMachineNeverOverlap() throws Exception {
        String machine = "pump_lock_002";
        String seedId = writeSeed(machine);

        // Two handlers at once, as two replicas would run them (one replica's Kafka consumer never would).
        TrainingRequested a = request(machine, seedId, 40);
        TrainingRequested b = request(machine, seedId, 40);
        CompletableFuture<Void> ra = CompletableFuture.runAsync(() -> consumer.train(a));
        CompletableFuture<Void> rb = CompletableFuture.runAsync(() -> consumer.train(b));
        CompletableFuture.allOf(ra, rb).get();
        assertNoOverlap(a.jobId(), b.jobId());
        // Progress at least every 10 % of the epochs (4 here), but not after every epoch.
        List<Integer> epochs = now(TrainingProgress.class, Topics.TRAINING_PROGRESS, a.jobId()).stream()
                .map(TrainingProgress::epoch)
                .toList();
        assertThat(epochs.get(0)).isZero();
        assertThat(epochs.get(epochs.size() - 1)).isEqualTo(40);
        for (int i = 1; i < epochs.size(); i++) {
            assertThat(epochs.get(i) - epochs.get(i - 1))
                    .as("epochs %s", epochs)
                    .isBetween(1, 4);
        }
        assertThat(epochs.size()).as("epochs %s", epochs).isLessThan(41);
        assertThat(job(a.jobId()).getList("loss_curve")).hasSize(40);

        // And two requests published together.
        TrainingRequested c = request(machine, seedId, 3);
        TrainingRequested d = request(machine, seedId, 3);
        publish(c);
        publish(d);
        awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, c.jobId());
        awaitOne(ModelTrained.class, Topics.MODEL_TRAINED, d.jobId());
        assertNoOverlap(c.jobId(), d.jobId());
        assertThat(redis.key().exists(TrainingLock.key(machine))).isFalse();
    }

    private static void assertNoOverlap(UUID x, UUID y) {
        JsonPath jx = job(x);
        JsonPath jy = job(y);
        assertThat(jx.getString("status")).isEqualTo("succeeded");
        assertThat(jy.getString("status")).isEqualTo("succeeded");
        Instant xs = Instant.parse(jx.getString("started_at"));
        Instant xf = Instant.parse(jx.getString("finished_at"));
        Instant ys = Instant.parse(jy.getString("started_at"));
        Instant yf = Instant.parse(jy.getString("finished_at"));
        assertThat(!xf.isAfter(ys) || !yf.isAfter(xs))
                .as("[%s, %s] and [%s, %s] do not overlap", xs, xf, ys, yf)
                .isTrue();
    }

    @Test
    void badRequestsFailWithTheirCodeAndAnUnreadableRecordIsSkipped() throws Exception {
        String machine = "pump_bad_001";
        String seedId = writeSeed(machine);
        TopicReader.publish(
                bootstrap(), Topics.TRAINING_REQUESTED, machine, "{\"this is\": \"not a training request\"");

        TrainingRequested tooMany = request(machine, seedId, 6_000);
        TrainingRequested none = request(machine, seedId, 0);
        TrainingRequested badBatch = new TrainingRequested(
                UUID.randomUUID(),
                Instant.now(),
                machine,
                UUID.randomUUID(),
                seedId,
                ArtifactStore.seedPath(machine, seedId),
                5,
                1,
                42,
                Pipeline.MANUAL);
        TrainingRequested outside = new TrainingRequested(
                UUID.randomUUID(),
                Instant.now(),
                machine,
                UUID.randomUUID(),
                seedId,
                "../../etc/passwd",
                5,
                500,
                42,
                Pipeline.MANUAL);
        TrainingRequested missing = request(machine, "gone", 5);
        for (TrainingRequested r : List.of(tooMany, none, badBatch, outside, missing)) {
            publish(r);
        }
        assertThat(awaitOne(JobFailed.class, Topics.JOB_FAILED, tooMany.jobId()).message())
                .contains("epochs must be 1..5000");
        assertThat(awaitOne(JobFailed.class, Topics.JOB_FAILED, none.jobId()).code())
                .isEqualTo(FailureCode.INVALID_REQUEST);
        assertThat(awaitOne(JobFailed.class, Topics.JOB_FAILED, badBatch.jobId())
                        .message())
                .contains("batch size");
        assertThat(awaitOne(JobFailed.class, Topics.JOB_FAILED, outside.jobId()).code())
                .isEqualTo(FailureCode.INVALID_REQUEST);
        JobFailed seedMissing = awaitOne(JobFailed.class, Topics.JOB_FAILED, missing.jobId());
        assertThat(seedMissing.code()).isEqualTo(FailureCode.SEED_MISSING);
        assertThat(job(tooMany.jobId()).getString("error_code")).isEqualTo("INVALID_REQUEST");
        assertThat(job(missing.jobId()).getString("status")).isEqualTo("failed");
        given().get("/jobs?machine_id=" + machine + "&status=failed").then().body("$", hasSize(5));
    }

    @Test
    void theApiAnswersMistakesWithCodeMessageAndDetails() {
        given().get("/jobs/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"))
                .body("message", containsString("does not exist"))
                .body("details", empty());
        given().post("/jobs/" + UUID.randomUUID() + "/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().get("/jobs/not-a-job")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"))
                .body("details[0].field", equalTo("job_id"))
                .body("details[0].fix", notNullValue());
        given().get("/jobs?status=sleeping")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("status"))
                .body("details[0].fix", containsString("queued"));
        given().get("/jobs?limit=0").then().statusCode(400).body("details[0].field", equalTo("limit"));
        given().get("/models/nothing-here")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"))
                .body("details", empty());
        given().get("/models?machine_id=no_such_machine").then().statusCode(200).body("$", empty());
    }

    @Test
    void healthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fleetsynth_trainings_running"))
                .body(containsString("fleetsynth_training_epochs_total"));
    }

    @Test
    void theOpenApiDocumentNamesPropertiesAsTheJsonDoesAndTheGatewayCopiesIt() {
        dev.fleetsynth.testkit.OpenApiContract.assertServiceDocument("trainer", "ModelView", "model_id");
    }
}
