package dev.fleetsynth.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.fleetsynth.engine.ingest.Ingest;
import dev.fleetsynth.engine.ingest.IngestOptions;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.events.DatasetGenerated;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.GenerationRequested;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets of a model of a user's data: the data's own columns, types and clock; the explorer on them; models compared. */
@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class RealDataGenerationTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String MACHINE = "press_real_gen_001";
    private final EventCodec codec = new EventCodec();

    @TempDir
    Path tmp;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static ArtifactStore store() {
        return new ArtifactStore(
                Path.of(ConfigProvider.getConfig().getValue("fleetsynth.artifacts.root", String.class)));
    }

    /** 20 presses run to failure: a cycle counter, a number, an integer count, a category and a 0/1 alarm; ingested into the store. */
    private String writeSeed() throws Exception {
        Random rng = new Random(5);
        StringBuilder csv = new StringBuilder("Press ID;Stroke;Ram Force [kN];Strokes per min;Die;Alarm\n");
        for (int unit = 1; unit <= 20; unit++) {
            int life = 60 + rng.nextInt(50);
            String die = unit % 3 == 0 ? "B" : "A";
            for (int i = 1; i <= life; i++) {
                double wear = Math.pow((double) i / life, 3);
                csv.append(String.format(
                        Locale.ROOT,
                        "PR-%02d;%d;%.2f;%d;%s;%d%n",
                        unit,
                        i,
                        500 + 80 * wear + 3 * rng.nextGaussian(),
                        30 + (int) Math.round(2 * rng.nextGaussian() - 5 * wear),
                        die,
                        i == life ? 1 : 0));
            }
        }
        Path file = tmp.resolve("presses.csv");
        Files.writeString(file, csv);
        Ingest.Result r =
                Ingest.run(file, IngestOptions.defaults().withMachineId(MACHINE), tmp.resolve("in"), (d, n) -> {});
        String seedPath = ArtifactStore.seedPath(MACHINE, UUID.randomUUID().toString());
        Files.createDirectories(store().resolve(seedPath).getParent());
        Files.copy(r.holdout(), store().resolve(ArtifactStore.holdoutPath(seedPath)));
        Files.copy(r.seed(), store().resolve(seedPath));
        return seedPath;
    }

    private String writeModel(String seedPath, ModelKind kind) throws Exception {
        SourceTable seed = SourceFiles.read(store().resolve(seedPath));
        SourceTable holdout = SourceFiles.read(store().resolve(ArtifactStore.holdoutPath(seedPath)));
        ModelTraining.Trained t =
                ModelTraining.train(seed, holdout, kind, FitOptions.defaults().withEpochs(5), p -> {}, () -> false);
        String modelId = UUID.randomUUID().toString();
        store().writeDirectory(ArtifactStore.modelPath(MACHINE, modelId), t::save);
        return modelId;
    }

    private DatasetGenerated generate(String modelId, String seedPath) {
        UUID jobId = UUID.randomUUID();
        GenerationRequested r = new GenerationRequested(
                UUID.randomUUID(),
                Instant.now(),
                MACHINE,
                jobId,
                modelId,
                ArtifactStore.modelPath(MACHINE, modelId),
                seedPath,
                1400,
                300,
                300,
                7);
        TopicReader.publish(bootstrap(), r.topic(), MACHINE, codec.toJson(r));
        List<TopicReader.Record> records = TopicReader.await(
                        bootstrap(),
                        List.of(Topics.DATASET_GENERATED, Topics.JOB_FAILED),
                        seen -> seen.stream().anyMatch(x -> x.value().contains(jobId.toString())),
                        WAIT)
                .stream()
                .filter(x -> x.value().contains(jobId.toString()))
                .toList();
        assertThat(records)
                .extracting(TopicReader.Record::topic)
                .as(records.toString())
                .containsOnly(Topics.DATASET_GENERATED);
        return codec.fromJson(DatasetGenerated.class, records.get(0).value());
    }

    @Test
    void aTrajectoryDatasetKeepsTheDatasNamesTypesAndClockAndComparesWithATvaesDataset() throws Exception {
        String seedPath = writeSeed();
        DatasetGenerated trajectory = generate(writeModel(seedPath, ModelKind.TRAJECTORY), seedPath);
        Path dir = store().resolve(trajectory.datasetPath());
        SourceTable train = SourceFiles.read(dir.resolve("train.parquet"));
        assertThat(train.rows()).isEqualTo(1400);
        assertThat(train.schema().fields())
                .extracting(f -> f.name())
                .containsExactly("Press ID", "Stroke", "Ram Force [kN]", "Strokes per min", "Die", "Alarm", "rul");
        assertThat(train.schema().field("Strokes per min").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
        double[] stroke = train.numeric("Stroke");
        double[] rul = train.rul();
        int[] unit = train.unitIndex();
        for (int i = 1; i < train.rows(); i++) {
            if (unit[i] == unit[i - 1]) {
                // cycles stay cycles: the counter grows by its step, RUL falls by one step
                assertThat(stroke[i] - stroke[i - 1]).isEqualTo(1.0);
                assertThat(rul[i - 1] - rul[i]).isEqualTo(1.0);
            }
        }
        assertThat(Arrays.stream(train.numeric("Alarm")).allMatch(v -> v == 0 || v == 1))
                .isTrue();
        JsonPath quality = given().get("/datasets/" + trajectory.datasetId() + "/quality")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(quality.getDouble("utility.rmse_mean_baseline")).isPositive();
        assertThat(quality.getList("notes", String.class)).anyMatch(n -> n.contains("refit on the held-out units"));

        // served under its own machine only: the gateway names the machine of its URL
        given().get("/datasets/" + trajectory.datasetId() + "/quality?machine_id=" + MACHINE)
                .then()
                .statusCode(200);
        given().get("/datasets/" + trajectory.datasetId() + "/quality?machine_id=pump_ksb_etanorm_001")
                .then()
                .statusCode(404)
                .body("message", containsString("of machine 'pump_ksb_etanorm_001'"));
        given().get("/datasets/" + trajectory.datasetId() + "/download/train?machine_id=other_machine")
                .then()
                .statusCode(404);
        given().get("/datasets/" + trajectory.datasetId() + "/rows?split=train&limit=2")
                .then()
                .statusCode(200)
                .body("columns", hasItem("Ram Force [kN]"))
                .body("rows[0][0]", equalTo("syn_1"))
                .body("rows[0][1]", equalTo(1));
        given().get("/datasets/" + trajectory.datasetId() + "/stats?split=train")
                .then()
                .statusCode(200)
                .body("columns.find { it.name == 'Die' }.kind", equalTo("categorical"))
                .body("columns.find { it.name == 'Die' }.top", hasSize(2));
        given().get("/datasets/" + trajectory.datasetId() + "/download/train?format=csv")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.startsWith(
                        "Press ID,Stroke,Ram Force [kN],Strokes per min,Die,Alarm,rul\r\nsyn_1,1,"));

        DatasetGenerated tvae = generate(writeModel(seedPath, ModelKind.TVAE), seedPath);
        given().get("/datasets/compare?ids=" + trajectory.datasetId() + "," + tvae.datasetId())
                .then()
                .statusCode(200)
                .body("candidates", hasSize(2))
                .body("candidates[0].columns.find { it.column == 'Ram Force [kN]' }.ks", notNullValue())
                .body("candidates[0].utility.rmse_mean_baseline", notNullValue())
                .body("recommended", org.hamcrest.Matchers.isOneOf(trajectory.datasetId(), tvae.datasetId()))
                .body("reason", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
        given().get("/datasets/compare").then().statusCode(400).body("details[0].field", equalTo("ids"));
    }
}
