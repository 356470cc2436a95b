package dev.fleetsynth.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.ingest.IngestOptions;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.synth.Synthesizers;
import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import dev.fleetsynth.engine.tvae.TvaeModel;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.events.TrainingRequested;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a user's data through Kafka: the default model, merging with the simulated seed, refining a TVAE. */
@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class RealDataTrainingTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final EventCodec codec = new EventCodec();

    @Inject
    ArtifactStore store;

    @TempDir
    Path tmp;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /**
     * A plant historian's hourly export of 12 pumps run to failure, named as the pump profile names
     * its sensors, ingested as the seed service would: seed and held-out units in the store.
     */
    private String writeRealSeed(String machineId) throws Exception {
        Random rng = new Random(3);
        StringBuilder csv = new StringBuilder(
                "pump,time,bearing_temp_C,vibration_mm_s,discharge_pressure_bar,flow_rate_m3h,motor_current_A\n");
        for (int unit = 1; unit <= 12; unit++) {
            int life = 80 + rng.nextInt(60);
            LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(unit * 10L);
            for (int i = 0; i < life; i++) {
                double wear = Math.pow((double) i / life, 2);
                csv.append(String.format(
                        Locale.ROOT,
                        "P%02d,%s,%.2f,%.3f,%.3f,%.1f,%.2f%n",
                        unit,
                        t.plusHours(i),
                        45 + 25 * wear + rng.nextGaussian(),
                        2 + 4 * wear + 0.1 * rng.nextGaussian(),
                        6 - 1.8 * wear + 0.05 * rng.nextGaussian(),
                        120 - 30 * wear + rng.nextGaussian(),
                        22 + 6 * wear + 0.3 * rng.nextGaussian()));
            }
        }
        Path file = tmp.resolve("pumps.csv");
        Files.writeString(file, csv);
        Ingest.Result r = Ingest.run(
                file,
                IngestOptions.defaults().withMachineId(machineId).withHoldout(0.25, 1),
                tmp.resolve("out"),
                (d, n) -> {});
        String seedId = UUID.randomUUID().toString();
        String path = ArtifactStore.seedPath(machineId, seedId);
        Files.createDirectories(store.resolve(path).getParent());
        Files.copy(r.holdout(), store.resolve(ArtifactStore.holdoutPath(path)));
        Files.copy(r.seed(), store.resolve(path));
        return seedId;
    }

    private String writeSimulatedSeed(String machineId) throws Exception {
        String seedId = UUID.randomUUID().toString();
        var table = SeedGenerator.generate(
                Catalog.profile("pump_grundfos_cr10_001").orElseThrow().withIdentity(machineId, "x", "y"),
                new SeedOptions(2_000, 7));
        store.writeFile(ArtifactStore.seedPath(machineId, seedId), t -> ParquetTables.write(table, t));
        return seedId;
    }

    private TrainingRequested request(
            String machineId, String seedId, String model, String strategy, String base, String merge) {
        return new TrainingRequested(
                UUID.randomUUID(),
                Instant.now(),
                machineId,
                UUID.randomUUID(),
                seedId,
                ArtifactStore.seedPath(machineId, seedId),
                5,
                500,
                42,
                Pipeline.MANUAL,
                model,
                strategy,
                base,
                merge,
                null);
    }

    private List<TopicReader.Record> results(UUID jobId) {
        return TopicReader.await(
                        bootstrap(),
                        List.of(Topics.MODEL_TRAINED, Topics.JOB_FAILED),
                        seen -> seen.stream().anyMatch(r -> r.value().contains(jobId.toString())),
                        WAIT)
                .stream()
                .filter(r -> r.value().contains(jobId.toString()))
                .toList();
    }

    private ModelTrained trained(TrainingRequested r) {
        TopicReader.publish(bootstrap(), Topics.TRAINING_REQUESTED, r.machineId(), codec.toJson(r));
        List<TopicReader.Record> records = results(r.jobId());
        assertThat(records)
                .extracting(TopicReader.Record::topic)
                .as(records.toString())
                .containsOnly(Topics.MODEL_TRAINED);
        return codec.fromJson(ModelTrained.class, records.get(0).value());
    }

    @Test
    void realDataTrainsTheTrajectoryModelByDefaultWithHeldOutFiguresKeptBesideIt() throws Exception {
        String machine = "pump_real_train_001";
        ModelTrained t = trained(request(machine, writeRealSeed(machine), null, null, null, null));
        assertThat(t.modelKind()).isEqualTo("trajectory");
        assertThat(t.source()).isEqualTo("real");
        Path dir = store.resolve(t.modelPath());
        assertThat(Synthesizers.load(dir).format()).isEqualTo("fleetsynth-trajectory");
        ModelTraining.HeldOut held = ModelTraining.heldOut(dir).orElseThrow();
        assertThat(held.units()).isEqualTo(3);
        assertThat(held.refit()).isTrue();
        assertThat(held.utility()).isNotNull();
        given().get("/models/" + t.modelId())
                .then()
                .statusCode(200)
                .body("kind", equalTo("trajectory"))
                .body("source", equalTo("real"));
    }

    @Test
    void mergingLearnsFromTheDataAndTheSimulatedSeedOnTheSharedReadings() throws Exception {
        String machine = "pump_real_merge_001";
        String real = writeRealSeed(machine);
        String simulated = writeSimulatedSeed(machine);
        ModelTrained t = trained(request(
                machine,
                real,
                "trajectory",
                TrainingRequested.STRATEGY_MERGE,
                null,
                ArtifactStore.seedPath(machine, simulated)));
        assertThat(t.source()).isEqualTo("merged");
        double weight = given().get("/models/" + t.modelId())
                .then()
                .statusCode(200)
                .body("source", equalTo("merged"))
                .extract()
                .jsonPath()
                .getDouble("real_weight");
        assertThat(weight).isBetween(0.2, 0.8);
        Synthesizer model = Synthesizers.load(store.resolve(t.modelPath()));
        assertThat(model.schema().learnt())
                .extracting(f -> f.name())
                .containsExactly(
                        "bearing_temp_C",
                        "vibration_mm_s",
                        "discharge_pressure_bar",
                        "flow_rate_m3h",
                        "motor_current_A");
    }

    @Test
    void refiningContinuesATvaeOnTheDataAndAskingToRefineATrajectoryModelFailsClearly() throws Exception {
        String machine = "pump_real_refine_001";
        String real = writeRealSeed(machine);
        String simulated = writeSimulatedSeed(machine);
        TvaeModel base = TvaeModel.train(
                ParquetTables.read(store.resolve(ArtifactStore.seedPath(machine, simulated))),
                TvaeConfig.defaults().withEpochs(3),
                TrainingListener.NONE,
                () -> false);
        String basePath = ArtifactStore.modelPath(machine, "base-" + UUID.randomUUID());
        store.writeDirectory(basePath, base::save);
        TrainingRequested tvae = request(machine, real, null, TrainingRequested.STRATEGY_REFINE, basePath, null);
        ModelTrained refined = trained(tvae);
        assertThat(refined.modelKind()).isEqualTo("tvae");
        assertThat(refined.epochs()).isBetween(1, 5);

        ModelTrained trajectory = trained(request(machine, real, null, null, null, null));
        TrainingRequested wrong =
                request(machine, real, null, TrainingRequested.STRATEGY_REFINE, trajectory.modelPath(), null);
        TopicReader.publish(bootstrap(), Topics.TRAINING_REQUESTED, machine, codec.toJson(wrong));
        List<TopicReader.Record> records = results(wrong.jobId());
        assertThat(records).extracting(TopicReader.Record::topic).containsOnly(Topics.JOB_FAILED);
        JobFailed failed = codec.fromJson(JobFailed.class, records.get(0).value());
        assertThat(failed.code()).isEqualTo(FailureCode.SEED_UNUSABLE);
        assertThat(failed.message()).contains("only a TVAE can be refined");
    }
}
