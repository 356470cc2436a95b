package dev.fleetsynth.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.fleetsynth.testkit.FleetsynthServers;
import dev.fleetsynth.testkit.WebSocketRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users and roles through the public face: what no login, a viewer, an operator, an admin and an
 * API key may do, on the API, the WebSockets and /q; tokens, the session cookie, revocation, the
 * audit log, failed-login lockout and host names. The services are down here: a request that
 * passes the security layer ends in a 400 (validation) or 503 (the service), never 401 or 403.
 */
@QuarkusTest
@QuarkusTestResource(FleetsynthServers.class)
class SecurityTest {
    private static final String PASSWORD = "a-long-enough-password";

    @TestHTTPResource("/")
    URI root;

    @BeforeEach
    @AfterEach
    void nobody() {
        Login.none();
    }

    private static String user(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + Login.admin())
                .contentType("application/json")
                .body(Map.of("username", name, "password", PASSWORD, "role", role))
                .post("/api/gan/users")
                .then()
                .statusCode(201)
                .body("role", equalTo(role));
        return name;
    }

    private static final String IDP = "https://idp.test.invalid/realms/fleet";

    /** A token as the test's identity provider signs it (its key: a test resource). */
    private static String idpToken(String issuer, String audience, java.time.Instant expires, String... roles)
            throws Exception {
        String pem;
        try (var in = SecurityTest.class.getResourceAsStream("/oidc-test-idp.key.pem")) {
            pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        return io.smallrye.jwt.build.Jwt.issuer(issuer)
                .subject("u-4711")
                .claim("preferred_username", "ada")
                .audience(audience)
                .groups(java.util.Set.of(roles))
                .expiresAt(expires)
                .sign(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(pem));
    }

    @Test
    void tokensOfTheIdentityProviderAreTakenWithTheRoleTheyCarryAndNothingElse() throws Exception {
        java.time.Instant later = java.time.Instant.now().plusSeconds(600);
        String operator = idpToken(IDP, "fleetsynth", later, "operator", "staff");
        bearer(operator)
                .get("/api/gan/auth/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("ada"))
                .body("role", equalTo("operator"))
                .body("via", equalTo("oidc"));
        // an operator runs jobs (the service is down here: 503, past the security layer), but is no admin
        bearer(operator)
                .contentType("application/json")
                .body("{}")
                .post("/api/gan/machines/pump_a_001/seed")
                .then()
                .statusCode(503);
        bearer(operator).get("/api/gan/users").then().statusCode(403);
        // keys belong to Fleetsynth's own users
        bearer(operator)
                .contentType("application/json")
                .body(Map.of("name", "nightly"))
                .post("/api/gan/keys")
                .then()
                .statusCode(403)
                .body("message", containsString("Fleetsynth's own users"));
        String viewer = idpToken(IDP, "fleetsynth", later, "viewer");
        bearer(viewer)
                .contentType("application/json")
                .body("{}")
                .post("/api/gan/machines/pump_a_001/seed")
                .then()
                .statusCode(403);
        bearer(idpToken(IDP, "fleetsynth", later, "viewer", "admin"))
                .get("/api/gan/auth/me")
                .then()
                .body("role", equalTo("admin"));

        // refused: no Fleetsynth role, another issuer, another audience, expired, or signed by someone else
        for (String refused : List.of(
                idpToken(IDP, "fleetsynth", later, "staff"),
                idpToken("https://evil.example", "fleetsynth", later, "admin"),
                idpToken(IDP, "another-app", later, "admin"),
                idpToken(IDP, "fleetsynth", java.time.Instant.now().minusSeconds(3600), "admin"),
                io.smallrye.jwt.build.Jwt.issuer(IDP)
                        .subject("u-1")
                        .audience("fleetsynth")
                        .groups("admin")
                        .expiresAt(later)
                        .sign(java.security.KeyPairGenerator.getInstance("RSA")
                                .generateKeyPair()
                                .getPrivate()))) {
            bearer(refused).get("/api/gan/machines").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    private static io.restassured.specification.RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    void withoutALoginOnlyTheDashboardTheLoginAndTheProbesAnswer() throws Exception {
        given().get("/api/gan/machines")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("details[0].field", equalTo("Authorization"))
                .body("details[0].fix", containsString("/api/gan/auth/token"));
        given().contentType("application/json")
                .body("{}")
                .post("/api/gan/machines/pump_a/train")
                .then()
                .statusCode(401);
        given().get("/api/gan/tasks/" + UUID.randomUUID()).then().statusCode(401);
        given().get("/q/metrics").then().statusCode(401).body(not(containsString("# HELP")));
        given().get("/api/gan/users").then().statusCode(401);
        Throwable ws = catchThrowable(() -> WebSocketRecorder.open(root, "/ws/events"));
        assertThat(ws).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) ws.getCause()).getResponse().statusCode())
                .isEqualTo(401);

        given().get("/").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().contentType("application/json")
                .body(Map.of("username", "admin", "password", "not-the-password"))
                .post("/api/gan/auth/token")
                .then()
                .statusCode(401)
                .body("code", equalTo("BAD_CREDENTIALS"))
                .body(not(containsString("gateway-test-admin-password")));
        // a made-up, expired or tampered token is refused as such
        bearer("not.a.token")
                .get("/api/gan/machines")
                .then()
                .statusCode(401)
                .body("message", containsString("not valid"));
        String token = Login.admin();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        bearer(tampered).get("/api/gan/machines").then().statusCode(401);
    }

    @Test
    void aLoginAnswersTheNamesScriptsUse() {
        given().contentType("application/json")
                .body(Map.of("username", "admin", "password", Login.adminPassword()))
                .post("/api/gan/auth/token")
                .then()
                .statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("access_token", notNullValue())
                .body("expires_in", equalTo(43200));
        bearer(Login.admin())
                .get("/api/gan/auth/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("admin"))
                .body("role", equalTo("admin"));
        // unknown fields are refused here too
        given().contentType("application/json")
                .body("{\"username\": \"admin\", \"pasword\": \"x\"}")
                .post("/api/gan/auth/token")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("pasword"));
    }

    @Test
    void eachRoleDoesWhatItMayAndIsToldWhyOtherwise() throws Exception {
        String viewer = Login.token(user("viewer"), PASSWORD);
        String operator = Login.token(user("operator"), PASSWORD);
        String admin = Login.admin();

        bearer(viewer).get("/api/gan/tasks").then().statusCode(200);
        bearer(viewer)
                .contentType("application/json")
                .body("{\"epochs\": 0}")
                .post("/api/gan/machines/pump_a/train")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"))
                .body("details[0].field", equalTo("role"));
        bearer(viewer)
                .post("/api/gan/tasks/" + UUID.randomUUID() + "/cancel")
                .then()
                .statusCode(403);
        WebSocketRecorder.open(root, "/ws/events", viewer); // viewers watch progress

        bearer(operator)
                .contentType("application/json")
                .body("{\"epochs\": 0}")
                .post("/api/gan/machines/pump_a/train")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("epochs"));
        bearer(operator).delete("/api/gan/machines/pump_a").then().statusCode(403);
        bearer(operator).get("/api/gan/users").then().statusCode(403);
        bearer(operator).get("/api/gan/audit").then().statusCode(403);

        Response deleted = bearer(admin).delete("/api/gan/machines/pump_a");
        assertThat(deleted.statusCode()).isNotIn(401, 403);
        bearer(admin).get("/api/gan/users").then().statusCode(200).body("username", hasItem("admin"));
        bearer(admin).get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aDemotionOrADeletionTakesEffectOnTheTokensAlreadyGiven() {
        String name = user("operator");
        String token = Login.token(name, PASSWORD);
        bearer(token)
                .contentType("application/json")
                .body("{\"epochs\": 0}")
                .post("/api/gan/machines/pump_a/train")
                .then()
                .statusCode(400);
        bearer(Login.admin())
                .contentType("application/json")
                .body(Map.of("role", "viewer"))
                .put("/api/gan/users/" + name)
                .then()
                .statusCode(200)
                .body("role", equalTo("viewer"));
        bearer(token)
                .contentType("application/json")
                .body("{\"epochs\": 0}")
                .post("/api/gan/machines/pump_a/train")
                .then()
                .statusCode(403);
        bearer(Login.admin()).delete("/api/gan/users/" + name).then().statusCode(204);
        bearer(token).get("/api/gan/tasks").then().statusCode(401);
        // an admin cannot remove or demote themselves (so there is always one left)
        bearer(Login.admin())
                .delete("/api/gan/users/admin")
                .then()
                .statusCode(409)
                .body("code", equalTo("OWN_ACCOUNT"));
        bearer(Login.admin())
                .contentType("application/json")
                .body(Map.of("role", "viewer"))
                .put("/api/gan/users/admin")
                .then()
                .statusCode(409)
                .body("code", equalTo("OWN_ACCOUNT"));
    }

    @Test
    void apiKeysCarryAtMostTheirOwnersRoleAndCanBeRevoked() {
        String owner = user("operator");
        String token = Login.token(owner, PASSWORD);
        bearer(token)
                .contentType("application/json")
                .body(Map.of("name", "too strong", "role", "admin"))
                .post("/api/gan/keys")
                .then()
                .statusCode(403)
                .body("details[0].field", equalTo("role"));
        Response made = bearer(token)
                .contentType("application/json")
                .body(Map.of("name", "nightly export", "role", "viewer"))
                .post("/api/gan/keys");
        made.then()
                .statusCode(201)
                .body("key", org.hamcrest.Matchers.startsWith("fsk_"))
                .body("role", equalTo("viewer"));
        String key = made.path("key");
        String keyId = made.path("key_id");

        bearer(key).get("/api/gan/tasks").then().statusCode(200);
        bearer(key)
                .get("/api/gan/auth/me")
                .then()
                .statusCode(200)
                .body("via", equalTo("api_key"))
                .body("role", equalTo("viewer"));
        bearer(key)
                .contentType("application/json")
                .body("{\"epochs\": 0}")
                .post("/api/gan/machines/pump_a/train")
                .then()
                .statusCode(403);
        bearer(key)
                .contentType("application/json")
                .body(Map.of("name", "another"))
                .post("/api/gan/keys")
                .then()
                .statusCode(403);
        bearer(token)
                .get("/api/gan/keys")
                .then()
                .statusCode(200)
                .body("name", hasItem("nightly export"))
                .body(not(containsString(key)));

        bearer(token).delete("/api/gan/keys/" + keyId).then().statusCode(204);
        bearer(key).get("/api/gan/tasks").then().statusCode(401);
        bearer("fsk_madeup").get("/api/gan/tasks").then().statusCode(401);
    }

    @Test
    void theDashboardsSessionIsAnHttpOnlyStrictCookieThatAlsoOpensWebSockets() throws Exception {
        Response login = given().contentType("application/json")
                .body(Map.of("username", "admin", "password", Login.adminPassword()))
                .post("/api/gan/auth/login");
        login.then().statusCode(200).body("role", equalTo("admin"));
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie)
                .contains("fleetsynth_session=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        String session = login.cookie("fleetsynth_session");
        given().cookie("fleetsynth_session", session)
                .get("/api/gan/auth/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("admin"));
        given().cookie("fleetsynth_session", session)
                .get("/api/gan/tasks")
                .then()
                .statusCode(200);
        // a stale cookie is no login, not an error: the dashboard's page and its login still load
        given().cookie("fleetsynth_session", "stale").get("/").then().statusCode(200);
        given().cookie("fleetsynth_session", "stale")
                .get("/api/gan/tasks")
                .then()
                .statusCode(401);
        assertThat(given().cookie("fleetsynth_session", session)
                        .post("/api/gan/auth/logout")
                        .header("Set-Cookie"))
                .contains("Max-Age=0");
    }

    @Test
    void everyWriteIsInTheAuditLogWithItsCaller() {
        String name = user("operator");
        bearer(Login.token(name, PASSWORD))
                .contentType("application/json")
                .body("{\"epochs\": 0}")
                .post("/api/gan/machines/pump_b/train")
                .then()
                .statusCode(400);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> bearer(Login.admin())
                        .get("/api/gan/audit?limit=50")
                        .then()
                        .statusCode(200)
                        .body(
                                "findAll { it.actor == 'user:" + name + "' }.path",
                                hasItem("/api/gan/machines/pump_b/train"))
                        .body("findAll { it.actor == 'user:" + name + "' }.status", hasItem(400)));
    }

    @Test
    void repeatedWrongPasswordsLockTheNameForAWhile() {
        String name = user("viewer");
        for (int i = 0; i < 10; i++) {
            given().contentType("application/json")
                    .body(Map.of("username", name, "password", "wrong-password-" + i))
                    .post("/api/gan/auth/token")
                    .then()
                    .statusCode(401);
        }
        given().contentType("application/json")
                .body(Map.of("username", name, "password", PASSWORD))
                .post("/api/gan/auth/token")
                .then()
                .statusCode(429)
                .body("code", equalTo("TOO_MANY_FAILED_LOGINS"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void aHostNameTheGatewayDoesNotAnswerToIsRefused() {
        bearer(Login.admin())
                .header("Host", "attacker.example")
                .get("/api/gan/tasks")
                .then()
                .statusCode(421)
                .body("code", equalTo("HOST_NOT_ALLOWED"))
                .body("details[0].field", equalTo("Host"));
        given().header("Host", "attacker.example").get("/").then().statusCode(421);
        bearer(Login.admin())
                .header("Host", "127.0.0.1:" + root.getPort())
                .get("/api/gan/tasks")
                .then()
                .statusCode(200);
        given().header("Host", "attacker.example").get("/q/health/ready").then().statusCode(200);
    }
}
