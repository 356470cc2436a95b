package dev.fleetsynth.seed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.SeedRequested;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Users' data through the seed service's public face: chunked upload, preview, check, and ingestion by a seed job on Kafka. */
@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class RealDataTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final EventCodec codec = new EventCodec();

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static ArtifactStore store() {
        return new ArtifactStore(
                Path.of(ConfigProvider.getConfig().getValue("fleetsynth.artifacts.root", String.class)));
    }

    private static byte[] fd003() throws Exception {
        try (InputStream in = RealDataTest.class.getResourceAsStream("/fd003-units-1-4.txt")) {
            return in.readAllBytes();
        }
    }

    /** Uploads a file chunk by chunk, last chunk first, as a client that resumes might. */
    private static String upload(String name, byte[] file) {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("file_name", name, "bytes", file.length))
                .when()
                .post("/uploads")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = created.getString("upload_id");
        int chunk = created.getInt("chunk_bytes");
        int chunks = created.getInt("chunks");
        assertThat(chunks).isEqualTo((file.length + chunk - 1) / chunk);
        for (int i = chunks - 1; i >= 0; i--) {
            byte[] part = Arrays.copyOfRange(file, i * chunk, Math.min(file.length, (i + 1) * chunk));
            given().contentType("application/octet-stream")
                    .body(part)
                    .when()
                    .put("/uploads/" + id + "/chunks/" + i)
                    .then()
                    .statusCode(200);
        }
        given().when().get("/uploads/" + id).then().statusCode(200).body("complete", equalTo(true));
        return id;
    }

    @Test
    void aHeaderlessRunToFailureTextIsPreviewedThenIngestedIntoASeedWithHeldOutUnits() throws Exception {
        byte[] file = fd003();
        String id = upload("FD003 units.txt", file);
        assertThat(file.length).isGreaterThan(2 * 65536);

        JsonPath preview = given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/uploads/" + id + "/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(preview.getString("format")).isEqualTo("whitespace");
        assertThat(preview.getBoolean("header")).isFalse();
        assertThat(preview.getList("mapping.columns.findAll { it.role == 'unit' }.source"))
                .containsExactly("col1");
        assertThat(preview.getList("mapping.columns.findAll { it.role == 'order' }.source"))
                .containsExactly("col2");
        assertThat(preview.getString("mapping.rul_from")).isEqualTo("end");
        assertThat(preview.getString("profile.machine_id")).isEqualTo("fd003_units");
        assertThat(preview.getList("sample")).hasSize(20);

        String request = given().contentType(ContentType.JSON)
                .body(Map.of("rul_cap", 125, "holdout_units", 0.25))
                .when()
                .post("/uploads/" + id + "/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("ingest_request");
        assertThat(request).contains(id).contains("\"rul_cap\":125");

        String machineId = "fd003_real_001";
        UUID jobId = UUID.randomUUID();
        TopicReader.publish(
                bootstrap(),
                Topics.SEED_REQUESTED,
                machineId,
                codec.toJson(new SeedRequested(
                        UUID.randomUUID(),
                        Instant.now(),
                        machineId,
                        jobId,
                        1,
                        "machines/" + machineId + "/profile/v1.json",
                        0,
                        42,
                        Pipeline.MANUAL,
                        SeedRequested.REAL,
                        request)));
        SeedReady ready = awaitReady(jobId);
        assertThat(ready.source()).isEqualTo(SeedRequested.REAL);
        assertThat(ready.cycles()).isEqualTo(3);
        SourceTable seed = SourceFiles.read(store().resolve(ready.seedPath()));
        SourceTable holdout = SourceFiles.read(store().resolve(ready.holdoutPath()));
        assertThat(seed.schema().origin()).isEqualTo(SourceSchema.Origin.REAL);
        assertThat(seed.schema().rulCap()).isEqualTo(125.0);
        assertThat(seed.units()).isEqualTo(3);
        assertThat(holdout.units()).isEqualTo(1);
        assertThat(Arrays.stream(seed.rul()).max().orElseThrow()).isEqualTo(125.0);
        assertThat(seed.rows() + holdout.rows())
                .isEqualTo(new String(file).strip().lines().count());

        given().when()
                .get("/seeds/" + ready.seedId())
                .then()
                .statusCode(200)
                .body("source", equalTo("real"))
                .body("holdout_path", equalTo(ready.holdoutPath()));
        given().when()
                .get("/seeds/" + ready.seedId() + "/rows?cycle=1&limit=3")
                .then()
                .statusCode(200)
                .body("columns", hasItem("col1"))
                .body("columns", hasItem("rul"))
                .body("rows[0].col2", equalTo(1))
                .body("rows[0].rul", equalTo(125.0f));
        given().when()
                .get("/seeds/" + ready.seedId() + "/report")
                .then()
                .statusCode(200)
                .body("rul.from", equalTo("end"))
                .body("rul.cap", equalTo(125.0f));
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeAnyByteIsSent() {
        given().contentType(ContentType.JSON)
                .body(Map.of("file_name", "huge.csv", "bytes", 600L * 1024 * 1024))
                .when()
                .post("/uploads")
                .then()
                .statusCode(413)
                .body("code", equalTo("FILE_TOO_LARGE"))
                .body("details[0].field", equalTo("bytes"));
    }

    @Test
    void chunksOfTheWrongSizeOrIndexAndIncompleteUploadsAreRefusedWithTheFix() {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("file_name", "a.csv", "bytes", 70000))
                .when()
                .post("/uploads")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = created.getString("upload_id");
        given().contentType("application/octet-stream")
                .body(new byte[10])
                .when()
                .put("/uploads/" + id + "/chunks/0")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("body"))
                .body("details[0].fix", containsString("bytes 0..65535"));
        given().contentType("application/octet-stream")
                .body(new byte[10])
                .when()
                .put("/uploads/" + id + "/chunks/7")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("index"));
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/uploads/" + id + "/preview")
                .then()
                .statusCode(409)
                .body("code", equalTo("UPLOAD_INCOMPLETE"));
        given().when().get("/uploads/not-an-id").then().statusCode(400).body("details[0].field", equalTo("upload_id"));
        given().when().get("/uploads/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aPreviewOfBadDataNamesTheColumnTheRowAndTheFix() throws Exception {
        StringBuilder csv = new StringBuilder("unit,cycle,temp\n");
        for (int i = 1; i <= 30000; i++) {
            csv.append(1 + i / 1000)
                    .append(',')
                    .append(i % 1000 + 1)
                    .append(',')
                    .append(i % 7)
                    .append('\n');
        }
        csv.append("31,1,hot\n");
        String id = upload("bad.csv", csv.toString().getBytes());
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/uploads/" + id + "/preview")
                .then()
                .statusCode(422)
                .body("code", equalTo("DATA_INVALID"))
                .body("details[0].field", equalTo("temp"))
                .body("details[0].message", containsString("row 30001"))
                .body("details[0].fix", containsString("correct the value"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
    }

    @Test
    void aJobOnDataThatCannotBeBroughtInFailsWithDataInvalidAndWritesNoSeed() throws Exception {
        String id = upload("constant.csv", "a,b\n1,2\n1,2\n1,2\n".getBytes());
        String request = given().contentType(ContentType.JSON)
                .body(Map.of())
                .when()
                .post("/uploads/" + id + "/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("ingest_request");
        String machineId = "constant_real_001";
        UUID jobId = UUID.randomUUID();
        TopicReader.publish(
                bootstrap(),
                Topics.SEED_REQUESTED,
                machineId,
                codec.toJson(new SeedRequested(
                        UUID.randomUUID(),
                        Instant.now(),
                        machineId,
                        jobId,
                        1,
                        "machines/" + machineId + "/profile/v1.json",
                        0,
                        42,
                        Pipeline.MANUAL,
                        SeedRequested.REAL,
                        request)));
        List<TopicReader.Record> records = results(jobId);
        assertThat(records).extracting(TopicReader.Record::topic).containsOnly(Topics.JOB_FAILED);
        JobFailed failed = codec.fromJson(JobFailed.class, records.get(0).value());
        assertThat(failed.code()).isEqualTo(FailureCode.DATA_INVALID);
        assertThat(failed.message()).contains("no column is left to learn");
        Path seedDir = store().resolve("machines/" + machineId + "/seed");
        assertThat(!Files.isDirectory(seedDir)
                        || Files.list(seedDir).noneMatch(p -> p.toString().endsWith(".parquet")))
                .isTrue();
    }

    private List<TopicReader.Record> results(UUID jobId) {
        return TopicReader.await(
                        bootstrap(),
                        List.of(Topics.SEED_READY, Topics.JOB_FAILED),
                        seen -> seen.stream().anyMatch(r -> r.value().contains(jobId.toString())),
                        WAIT)
                .stream()
                .filter(r -> r.value().contains(jobId.toString()))
                .toList();
    }

    private SeedReady awaitReady(UUID jobId) {
        List<TopicReader.Record> records = results(jobId);
        assertThat(records).extracting(TopicReader.Record::topic).containsOnly(Topics.SEED_READY);
        return codec.fromJson(SeedReady.class, records.get(0).value());
    }
}
