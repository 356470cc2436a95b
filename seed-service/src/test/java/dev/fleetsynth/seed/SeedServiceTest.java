package dev.fleetsynth.seed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileFormat;
import dev.fleetsynth.engine.profile.ProfileWriter;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.events.DeadLetter;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.MachineCreated;
import dev.fleetsynth.events.MachineDeleted;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedReady;
import dev.fleetsynth.events.SeedRequested;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.events.Topics;
import dev.fleetsynth.support.jobs.JobRunner;
import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class SeedServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final EventCodec codec = new EventCodec();

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static ArtifactStore store() {
        return new ArtifactStore(
                Path.of(ConfigProvider.getConfig().getValue("fleetsynth.artifacts.root", String.class)));
    }

    /** Plays profile-service: a catalog pump, renamed, written where machine.created says it is. */
    private static String writeProfile(String machineId) throws Exception {
        MachineProfile pump =
                Catalog.profile("pump_grundfos_cr10_001").orElseThrow().withIdentity(machineId, "Grundfos", "CR 10");
        String path = ArtifactStore.profilePath(machineId, 1);
        store().writeFile(path, new ProfileWriter().write(pump, ProfileFormat.JSON));
        return path;
    }

    private void publish(FleetEvent event) {
        TopicReader.publish(bootstrap(), event.topic(), event.machineId(), codec.toJson(event));
    }

    private static SeedRequested request(String machineId, UUID jobId, String profilePath, int rows) {
        return new SeedRequested(
                UUID.randomUUID(), Instant.now(), machineId, jobId, 1, profilePath, rows, 7, Pipeline.MANUAL);
    }

    /** Every result event (seed.ready, job.failed) of a job, once the predicate holds for what was seen. */
    private static List<TopicReader.Record> results(UUID jobId) {
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

    private JobFailed awaitFailed(UUID jobId) {
        List<TopicReader.Record> records = results(jobId);
        assertThat(records).extracting(TopicReader.Record::topic).containsOnly(Topics.JOB_FAILED);
        return codec.fromJson(JobFailed.class, records.get(0).value());
    }

    /**
     * Waits until everything published before for this machine has been handled: a failing request
     * with the same key lands on the same partition, behind the earlier records.
     */
    private void drain(String machineId) {
        UUID marker = UUID.randomUUID();
        publish(request(machineId, marker, "machines/" + machineId + "/profile/v999.json", 1000));
        awaitFailed(marker);
    }

    private static List<Path> filesIn(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void aSeedRequestWritesAReadableSeedAndPublishesSeedReady() throws Exception {
        String machineId = "pump_seed_req_001";
        String profilePath = writeProfile(machineId);
        UUID jobId = UUID.randomUUID();
        publish(request(machineId, jobId, profilePath, 2000));

        SeedReady ready = awaitReady(jobId);
        assertThat(ready.seedId()).isEqualTo(jobId.toString());
        assertThat(ready.seedPath()).isEqualTo(ArtifactStore.seedPath(machineId, jobId.toString()));
        assertThat(ready.rows()).isEqualTo(2000);
        assertThat(ready.pipeline()).isEqualTo(Pipeline.MANUAL);
        assertThat(ready.profileVersion()).isEqualTo(1);

        SensorTable table = ParquetTables.read(store().resolve(ready.seedPath()));
        assertThat(table.rows()).isEqualTo(2000);
        assertThat(table.machineId()).isEqualTo(machineId);
        // beside it the holdout: another draw of the same shape, for quality reports to test on
        SensorTable holdout = ParquetTables.read(store().resolve(ArtifactStore.holdoutPath(ready.seedPath())));
        assertThat(holdout.rows()).isEqualTo(2000);
        assertThat(holdout.cycles()).isEqualTo(table.cycles());
        assertThat(holdout.sameData(table)).isFalse();
        assertThat(table.cycles()).isEqualTo(ready.cycles());
        assertThat(table.rul()).hasSize(2000);
        assertThat(table.rul()[table.rows() - 1]).isEqualTo(0.0);
        assertThat(table.sensorNames()).isNotEmpty();

        given().get("/seeds?machine_id=" + machineId)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].seed_id", equalTo(jobId.toString()))
                .body("[0].rows", equalTo(2000))
                .body("[0].random_seed", equalTo(7))
                .body("[0].path", equalTo(ready.seedPath()));
        given().get("/seeds/" + jobId)
                .then()
                .statusCode(200)
                .body("machine_id", equalTo(machineId))
                .body("cycles", equalTo(ready.cycles()))
                .body("profile_version", equalTo(1))
                .body("created_at", notNullValue());
        given().get("/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("job_id", equalTo(jobId.toString()))
                .body("stage", equalTo("seed"))
                .body("status", equalTo("succeeded"))
                .body("seed_id", equalTo(jobId.toString()))
                .body("started_at", notNullValue())
                .body("finished_at", notNullValue());
        given().get("/jobs?machine_id=" + machineId)
                .then()
                .statusCode(200)
                .body("job_id", equalTo(List.of(jobId.toString())));
    }

    @Test
    void rowsArePagedAsObjectsAndFilteredByCycle() throws Exception {
        String machineId = "pump_seed_rows_001";
        UUID jobId = UUID.randomUUID();
        publish(request(machineId, jobId, writeProfile(machineId), 1500));
        SeedReady ready = awaitReady(jobId);
        SensorTable table = ParquetTables.read(store().resolve(ready.seedPath()));
        String sensor = table.sensorNames().get(0);
        long inCycle2 =
                java.util.Arrays.stream(table.cycle()).filter(c -> c == 2).count();
        int firstOfCycle2 = 0;
        while (table.cycle()[firstOfCycle2] != 2) {
            firstOfCycle2++;
        }

        given().get("/seeds/" + jobId + "/rows")
                .then()
                .statusCode(200)
                .body("total", equalTo(1500))
                .body("offset", equalTo(0))
                .body("limit", equalTo(500))
                .body("rows", hasSize(500))
                .body("columns[0]", equalTo("timestamp"))
                .body("columns[3]", equalTo("rul"))
                .body("rows[0].timestamp", equalTo("2025-01-01T00:00:00Z"))
                .body("rows[0].machine_id", equalTo(machineId))
                .body("rows[0].cycle", equalTo(1));
        given().get("/seeds/" + jobId + "/rows?offset=1490&limit=100")
                .then()
                .statusCode(200)
                .body("rows", hasSize(10))
                .body("rows[9].rul", equalTo(0.0f));
        given().get("/seeds/" + jobId + "/rows?cycle=2&offset=1&limit=5000")
                .then()
                .statusCode(200)
                .body("cycle", equalTo(2))
                .body("total", equalTo((int) inCycle2))
                .body("rows", hasSize((int) inCycle2 - 1))
                .body("rows.cycle", everyItem(equalTo(2)))
                .body("rows[0]." + sensor, equalTo((float) table.sensor(sensor)[firstOfCycle2 + 1]));

        given().get("/seeds/" + jobId + "/rows?limit=5001")
                .then()
                .statusCode(400)
                .body("code", equalTo("BAD_REQUEST"))
                .body("details[0].field", equalTo("limit"))
                .body("details[0].fix", containsString("5000"));
        given().get("/seeds/" + jobId + "/rows?limit=0")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("limit"));
        given().get("/seeds/" + jobId + "/rows?offset=-1")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("offset"));
        given().get("/seeds/" + jobId + "/rows?cycle=two")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("cycle"));
        given().get("/seeds/" + jobId + "/rows?cycle=0")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("cycle"));
    }

    @Test
    void unknownIdsAre404WithAnErrorBody() {
        given().get("/seeds/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"))
                .body("message", containsString("does not exist"));
        given().get("/seeds/" + UUID.randomUUID() + "/rows")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        given().get("/jobs/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().get("/jobs/not-a-uuid").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().get("/seeds?machine_id=nobody_here").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aManualMachineCreatedSeedsNothingAndAnAutoOneSeedsByItself() throws Exception {
        String manual = "pump_seed_manual_001";
        MachineCreated manualCreated = MachineCreated.now(manual, "pump", 1, writeProfile(manual), Pipeline.MANUAL);
        publish(manualCreated);
        drain(manual);
        given().get("/seeds?machine_id=" + manual).then().statusCode(200).body("$", hasSize(0));
        given().get("/jobs/" + JobRunner.derivedJobId(Stage.SEED, manualCreated))
                .then()
                .statusCode(404);
        assertThat(filesIn(store().resolve("machines/" + manual + "/seed"))).isEmpty();

        String auto = "pump_seed_auto_001";
        MachineCreated autoCreated = MachineCreated.now(auto, "pump", 1, writeProfile(auto), Pipeline.AUTO);
        publish(autoCreated);
        UUID jobId = JobRunner.derivedJobId(Stage.SEED, autoCreated);
        SeedReady ready = awaitReady(jobId);
        assertThat(ready.rows()).isEqualTo(10_000);
        assertThat(ready.pipeline()).isEqualTo(Pipeline.AUTO);
        assertThat(ParquetTables.read(store().resolve(ready.seedPath())).rows()).isEqualTo(10_000);
        given().get("/seeds/" + jobId)
                .then()
                .statusCode(200)
                .body("random_seed", equalTo(42))
                .body("rows", equalTo(10_000));
        given().get("/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("pipeline", equalTo("auto"))
                .body("status", equalTo("succeeded"));
    }

    @Test
    void theSameEventTwiceMakesOneSeedOneFileAndOneSeedReady() throws Exception {
        String machineId = "pump_seed_twice_001";
        UUID jobId = UUID.randomUUID();
        String json = codec.toJson(request(machineId, jobId, writeProfile(machineId), 1000));
        TopicReader.publish(bootstrap(), Topics.SEED_REQUESTED, machineId, json);
        TopicReader.publish(bootstrap(), Topics.SEED_REQUESTED, machineId, json);
        // A second request for the same job under a new event id: the job id alone must also be enough.
        publish(request(machineId, jobId, ArtifactStore.profilePath(machineId, 1), 1000));
        drain(machineId);

        assertThat(results(jobId))
                .hasSize(1)
                .extracting(TopicReader.Record::topic)
                .containsOnly(Topics.SEED_READY);
        given().get("/seeds?machine_id=" + machineId)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].seed_id", equalTo(jobId.toString()));
        String seedPath = ArtifactStore.seedPath(machineId, jobId.toString());
        assertThat(filesIn(store().resolve("machines/" + machineId + "/seed")))
                .containsExactlyInAnyOrder(
                        store().resolve(seedPath), store().resolve(ArtifactStore.holdoutPath(seedPath)));
    }

    @Test
    void aSeedIsCancelledWhileItWaitsAndWhileItRunsAndLeavesNoFile() throws Exception {
        String machineId = "pump_seed_cancel_001";
        String profilePath = writeProfile(machineId);
        UUID waiting = UUID.randomUUID();
        given().post("/jobs/" + waiting + "/cancel?machine_id=" + machineId)
                .then()
                .statusCode(202)
                .body("status", equalTo("cancelled"));
        assertThat(awaitFailed(waiting).code()).isEqualTo(FailureCode.CANCELLED);
        publish(request(machineId, waiting, profilePath, 1000));

        // the most rows a seed may have, and its holdout as many: seconds of work, stopped within one
        UUID running = UUID.randomUUID();
        publish(request(machineId, running, profilePath, 100_000));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> given().get("/jobs/" + running).statusCode() == 200);
        given().post("/jobs/" + running + "/cancel").then().statusCode(202).body("status", equalTo("cancelling"));
        drain(machineId);

        assertThat(results(running))
                .extracting(r -> codec.fromJson(JobFailed.class, r.value()).code())
                .containsOnly(FailureCode.CANCELLED);
        for (UUID job : List.of(waiting, running)) {
            given().get("/jobs/" + job).then().statusCode(200).body("status", equalTo("cancelled"));
        }
        assertThat(filesIn(store().resolve("machines/" + machineId + "/seed"))).isEmpty();
        given().get("/seeds?machine_id=" + machineId).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aDeletedMachineLosesItsSeedsFilesAndJobsAndItsOlderRequestsAreDropped() throws Exception {
        String machineId = "pump_seed_deleted_001";
        String profilePath = writeProfile(machineId);
        UUID first = UUID.randomUUID();
        publish(request(machineId, first, profilePath, 1000));
        awaitReady(first);
        SeedRequested stale =
                request(machineId, UUID.randomUUID(), profilePath, 1000); // made now, delivered after the deletion

        publish(MachineDeleted.now(machineId));
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> given().get("/seeds?machine_id=" + machineId)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("$")
                        .isEmpty());
        given().get("/jobs/" + first).then().statusCode(404);
        assertThat(filesIn(store().resolve("machines/" + machineId + "/seed"))).isEmpty();

        publish(stale);
        // the machine made again under the id: its requests come after the deletion and run
        UUID again = UUID.randomUUID();
        publish(request(machineId, again, writeProfile(machineId), 1000));
        awaitReady(again);
        assertThat(TopicReader.await(
                        bootstrap(),
                        List.of(Topics.SEED_READY, Topics.JOB_FAILED),
                        seen -> seen.stream().anyMatch(r -> r.value().contains(again.toString())),
                        WAIT))
                .noneMatch(r -> r.value().contains(stale.jobId().toString()));
        given().get("/jobs/" + stale.jobId()).then().statusCode(404);
        given().get("/seeds?machine_id=" + machineId)
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].seed_id", equalTo(again.toString()));
    }

    @Test
    void aDeletionThatKeepsFailingIsTriedAgainThenGoesWholeToTheDeadLetterTopic() {
        MachineDeleted deleted = MachineDeleted.now(FailingMachineData.MACHINE);
        publish(deleted);
        DeadLetter letter = TopicReader.await(
                        bootstrap(),
                        List.of(Topics.DEAD_LETTER),
                        seen -> seen.stream()
                                .anyMatch(r ->
                                        r.value().contains(deleted.eventId().toString())),
                        WAIT)
                .stream()
                .filter(r -> r.value().contains(deleted.eventId().toString()))
                .map(r -> codec.fromJson(DeadLetter.class, r.value()))
                .findFirst()
                .orElseThrow();
        assertThat(letter.service()).isEqualTo("seed-service");
        assertThat(letter.originalTopic()).isEqualTo(Topics.MACHINE_DELETED);
        assertThat(letter.code()).isEqualTo(FailureCode.INTERNAL);
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.reason()).contains("failed 4 times", "the database is away");
        assertThat(codec.fromJson(MachineDeleted.class, letter.original())).isEqualTo(deleted);
        assertThat(FailingMachineData.TRIES.get()).isEqualTo(4);
    }

    @Test
    void aRequestWhoseStepsKeepFailingIsTriedThreeTimesThenGoesWholeToTheDeadLetterTopicAndTheNextIsServed()
            throws Exception {
        // A machine id longer than the jobs table's column (the gateway refuses it; a producer of another
        // system need not): making the job's row fails in the database every time.
        String machineId = "pump_" + "x".repeat(70);
        SeedRequested doomed = request(machineId, UUID.randomUUID(), ArtifactStore.profilePath(machineId, 1), 1000);
        publish(doomed);
        DeadLetter letter = TopicReader.await(
                        bootstrap(),
                        List.of(Topics.DEAD_LETTER),
                        seen -> seen.stream()
                                .anyMatch(
                                        r -> r.value().contains(doomed.eventId().toString())),
                        WAIT)
                .stream()
                .filter(r -> r.value().contains(doomed.eventId().toString()))
                .map(r -> codec.fromJson(DeadLetter.class, r.value()))
                .findFirst()
                .orElseThrow();
        assertThat(letter.originalTopic()).isEqualTo(Topics.SEED_REQUESTED);
        assertThat(letter.code()).isEqualTo(FailureCode.INTERNAL);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.reason())
                .contains("could not handle this request 3 times", "too long")
                .doesNotContain("Exception");
        assertThat(codec.fromJson(SeedRequested.class, letter.original())).isEqualTo(doomed);

        // the consumer has moved on: the next request is served
        String next = "pump_seed_after_dead_001";
        UUID jobId = UUID.randomUUID();
        publish(request(next, jobId, writeProfile(next), 1000));
        awaitReady(jobId);
    }

    @Test
    void aMissingProfileFailsTheJobAndWritesNothing() throws Exception {
        String machineId = "pump_seed_missing_001";
        UUID jobId = UUID.randomUUID();
        publish(request(machineId, jobId, ArtifactStore.profilePath(machineId, 3), 1000));

        JobFailed failed = awaitFailed(jobId);
        assertThat(failed.code()).isEqualTo(FailureCode.PROFILE_MISSING);
        assertThat(failed.stage()).isEqualTo(Stage.SEED);
        assertThat(failed.message()).contains("v3.json");
        assertThat(Files.exists(store().resolve("machines/" + machineId + "/seed")))
                .isFalse();
        given().get("/jobs/" + jobId)
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("error_code", equalTo("PROFILE_MISSING"))
                .body("finished_at", notNullValue());
        given().get("/seeds?machine_id=" + machineId).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void anInvalidProfileOrRowCountFailsTheJob() throws Exception {
        String machineId = "pump_seed_invalid_001";
        String path = ArtifactStore.profilePath(machineId, 1);
        store().writeFile(path, "{\"machine_id\": \"pump_seed_invalid_001\"}".getBytes());
        UUID jobId = UUID.randomUUID();
        publish(request(machineId, jobId, path, 1000));
        JobFailed failed = awaitFailed(jobId);
        assertThat(failed.code()).isEqualTo(FailureCode.PROFILE_INVALID);
        assertThat(Files.exists(store().resolve("machines/" + machineId + "/seed")))
                .isFalse();

        UUID tooFew = UUID.randomUUID();
        publish(request(machineId, tooFew, path, 10));
        assertThat(awaitFailed(tooFew).code()).isEqualTo(FailureCode.INVALID_REQUEST);
    }

    @Test
    void healthIsUpAndJobMetricsAreServed() throws Exception {
        String machineId = "pump_seed_metrics_001";
        UUID jobId = UUID.randomUUID();
        publish(request(machineId, jobId, writeProfile(machineId), 1000));
        awaitReady(jobId);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("fleetsynth_jobs_started_total{stage=\"seed\"}"))
                .body(containsString("fleetsynth_jobs_succeeded_total{stage=\"seed\"}"));
    }

    @Test
    void theOpenApiDocumentNamesPropertiesAsTheJsonDoesAndTheGatewayCopiesIt() {
        dev.fleetsynth.testkit.OpenApiContract.assertServiceDocument("seed", "SeedView", "seed_id");
    }
}
