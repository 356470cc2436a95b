package dev.fleetsynth.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.MachineCreated;
import dev.fleetsynth.events.MachineDeleted;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.support.kafka.Outbox;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class ProfileServiceTest {
    private final EventCodec codec = new EventCodec();

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = ProfileServiceTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static Path artifacts() {
        return Path.of(ConfigProvider.getConfig().getValue("fleetsynth.artifacts.root", String.class));
    }

    @Test
    void theCatalogIsLoadedOnFirstStart() {
        given().get("/machines")
                .then()
                .statusCode(200)
                .body("size()", greaterThanOrEqualTo(32))
                .body("machine_id", hasItem("motor_siemens_1la7_001"));
        given().get("/machines?category=turbofan")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].source", equalTo("catalog"));
    }

    @Test
    void aYamlUploadCreatesTheMachineWritesItsProfileAndPublishesMachineCreated() throws Exception {
        given().multiPart("file", "pump.yaml", resource("good-pump.yaml"), "application/yaml")
                .multiPart("pipeline", "auto")
                .post("/machines")
                .then()
                .statusCode(201)
                .header("Location", "/machines/pump_test_yaml_001")
                .body("machine_id", equalTo("pump_test_yaml_001"))
                .body("version", equalTo(1))
                .body("sensor_count", equalTo(3))
                .body("pipeline", equalTo("auto"));

        assertThat(artifacts().resolve("machines/pump_test_yaml_001/profile/v1.json"))
                .isRegularFile();
        List<TopicReader.Record> records = TopicReader.await(
                bootstrap(),
                List.of(Topics.MACHINE_CREATED),
                seen -> seen.stream().anyMatch(r -> r.key().equals("pump_test_yaml_001")),
                Duration.ofSeconds(30));
        MachineCreated event = records.stream()
                .filter(r -> r.key().equals("pump_test_yaml_001"))
                .map(r -> codec.fromJson(MachineCreated.class, r.value()))
                .findFirst()
                .orElseThrow();
        assertThat(event.pipeline()).isEqualTo(Pipeline.AUTO);
        assertThat(event.profilePath()).isEqualTo("machines/pump_test_yaml_001/profile/v1.json");

        given().multiPart("file", "pump.yaml", resource("good-pump.yaml"), "application/yaml")
                .post("/machines")
                .then()
                .statusCode(409)
                .body("code", equalTo("MACHINE_EXISTS"))
                .body("details[0].field", equalTo("machine_id"));
    }

    @Test
    void aBadUploadGets422NamingEveryFieldAndWritesNothing() throws Exception {
        given().multiPart("file", "bad.yaml", resource("bad-pump.yaml"), "application/yaml")
                .post("/machines")
                .then()
                .statusCode(422)
                .body("code", equalTo("INVALID_PROFILE"))
                .body("details.field", hasItem("machine_id"))
                .body("details.field", hasItem("sensors[0].noise"))
                .body("details.field", hasItem("sensors[1].name"))
                .body("details.field", hasItem("rul.max_rul"))
                .body("details.field", hasItem("rul.cycles"))
                .body("details.fix", hasItem("use 'pump_with_spaces'"));
        given().get("/machines/pump_with_spaces").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        assertThat(Files.exists(artifacts().resolve("machines/pump_with_spaces")))
                .isFalse();

        given().contentType("text/plain")
                .body("hello")
                .post("/machines")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().contentType("application/json")
                .body("{\"machine_id\": ")
                .post("/machines")
                .then()
                .statusCode(422)
                .body("code", equalTo("INVALID_PROFILE"));
        given().multiPart("file", "pump.yaml", resource("good-pump.yaml"), "application/yaml")
                .multiPart("pipeline", "sometimes")
                .post("/machines")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("pipeline"));
    }

    @Test
    void validationReportsProblemsWithoutWritingAnything() throws Exception {
        given().contentType("application/yaml")
                .body(resource("bad-pump.yaml"))
                .post("/profiles/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems", hasSize(6));
        given().contentType("application/yaml")
                .body(resource("good-pump.yaml"))
                .post("/profiles/validate")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true))
                .body("profile.machine_id", equalTo("pump_test_yaml_001"));
    }

    @Test
    void editsMakeVersionsWithADiffAndRestore() throws Exception {
        String yaml = new String(resource("good-pump.yaml")).replace("pump_test_yaml_001", "pump_versions_001");
        given().contentType("application/yaml")
                .body(yaml.getBytes())
                .post("/machines")
                .then()
                .statusCode(201);
        given().contentType("application/yaml")
                .body(yaml.replace("max_rul: 2000", "max_rul: 2500").getBytes())
                .queryParam("comment", "longer life")
                .put("/machines/pump_versions_001/profile")
                .then()
                .statusCode(200)
                .body("version", equalTo(2));

        given().get("/machines/pump_versions_001/versions")
                .then()
                .statusCode(200)
                .body("version", equalTo(List.of(2, 1)))
                .body("[0].comment", equalTo("longer life"));
        given().get("/machines/pump_versions_001/diff?from=1&to=2")
                .then()
                .statusCode(200)
                .body("changes", hasSize(1))
                .body("changes[0].path", equalTo("rul.max_rul"))
                .body("changes[0].kind", equalTo("CHANGED"));
        given().post("/machines/pump_versions_001/versions/1/restore")
                .then()
                .statusCode(200)
                .body("version", equalTo(3));
        given().get("/machines/pump_versions_001/diff?from=1&to=3")
                .then()
                .statusCode(200)
                .body("changes", hasSize(0));
        given().get("/machines/pump_versions_001").then().statusCode(200).body("profile.rul.max_rul", equalTo(2000.0f));

        given().contentType("application/yaml")
                .body(yaml.replace("pump_versions_001", "someone_else").getBytes())
                .put("/machines/pump_versions_001/profile")
                .then()
                .statusCode(422)
                .body("details[0].field", equalTo("machine_id"));
        given().get("/machines/pump_versions_001/diff?from=1")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("to"));

        assertThat(artifacts().resolve("machines/pump_versions_001/profile/v3.json"))
                .isRegularFile();
        given().delete("/machines/pump_versions_001").then().statusCode(204);
        given().get("/machines/pump_versions_001").then().statusCode(404);
        given().delete("/machines/pump_versions_001").then().statusCode(404);
        // its profile files go, and the other services hear of it to remove the rest
        assertThat(artifacts().resolve("machines/pump_versions_001/profile")).isEmptyDirectory();
        List<TopicReader.Record> deleted = TopicReader.await(
                bootstrap(),
                List.of(Topics.MACHINE_DELETED),
                seen -> seen.stream().anyMatch(r -> r.key().equals("pump_versions_001")),
                Duration.ofSeconds(30));
        assertThat(deleted)
                .filteredOn(r -> r.key().equals("pump_versions_001"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(
                                codec.fromJson(MachineDeleted.class, r.value()).machineId())
                        .isEqualTo("pump_versions_001"));
    }

    @Test
    void anAnnouncementThatAStopLeftUnpublishedIsSentByTheOutboxRelay() {
        // As a stop between the deletion's commit and its publish leaves it: recorded, not published.
        MachineDeleted lost =
                new MachineDeleted(UUID.randomUUID(), Instant.now().minusSeconds(60), "pump_relayed_001");
        QuarkusTransaction.requiringNew().run(() -> {
            Outbox.announce(lost);
            Outbox.<Outbox>findById(lost.eventId()).recordedAt = Instant.now().minusSeconds(60);
        });
        List<TopicReader.Record> sent = TopicReader.await(
                bootstrap(),
                List.of(Topics.MACHINE_DELETED),
                seen -> seen.stream().anyMatch(r -> r.key().equals("pump_relayed_001")),
                Duration.ofSeconds(30));
        assertThat(sent)
                .filteredOn(r -> r.key().equals("pump_relayed_001"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(codec.fromJson(MachineDeleted.class, r.value()))
                        .isEqualTo(lost));
        assertThat(QuarkusTransaction.requiringNew().call(() -> Outbox.<Outbox>findById(lost.eventId()).publishedAt))
                .isNotNull();
    }

    @Test
    void templatesListAndDownloadInEveryFormat() {
        given().get("/templates")
                .then()
                .statusCode(200)
                .body("name", hasItem("pump"))
                .body("name", hasItem("blank"));
        given().get("/templates/pump?format=yaml")
                .then()
                .statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("machine_type: pump"));
        byte[] xlsx = given().get("/templates/cnc?format=xlsx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(xlsx).startsWith('P', 'K');
        given().get("/templates/nope").then().statusCode(404).body("message", containsString("known:"));
        given().get("/templates/pump?format=docx").then().statusCode(400).body("details[0].field", equalTo("format"));
    }

    @Test
    void anExcelWorkbookUploadCreatesTheMachineToo() {
        byte[] xlsx = given().get("/templates/cnc?format=xlsx")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String id = given().multiPart(
                        "file", "cnc.xlsx", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .post("/machines")
                .then()
                .statusCode(201)
                .body("machine_type", equalTo("cnc"))
                .extract()
                .path("machine_id");
        given().get("/machines/" + id + "/profile?format=yaml")
                .then()
                .statusCode(200)
                .body(containsString("machine_type: cnc"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theOpenApiDocumentNamesPropertiesAsTheJsonDoesAndTheGatewayCopiesIt() {
        dev.fleetsynth.testkit.OpenApiContract.assertServiceDocument("profile", "MachineView", "machine_id");
    }
}
