package dev.fleetsynth.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tokens for the gateway's tests, from its real login endpoint. */
final class Login {
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Login() {}

    static String adminPassword() {
        return ConfigProvider.getConfig().getValue("fleetsynth.auth.admin-password", String.class);
    }

    /** A bearer token of the first admin, made once per test run. */
    static String admin() {
        return TOKENS.computeIfAbsent("admin", u -> token(u, adminPassword()));
    }

    /**
     * A bearer token of an admin of the calling test class's own (made once by the first admin):
     * rate limits count per user, so that one class's polling does not use up another's minute.
     */
    static String adminOf(Class<?> testClass) {
        String name = testClass.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        String admin = admin(); // not inside computeIfAbsent: the map must not change during its own update
        return TOKENS.computeIfAbsent(name, u -> {
            given().header("Authorization", "Bearer " + admin)
                    .contentType("application/json")
                    .body(Map.of("username", u, "password", u + "-password", "role", "admin"))
                    .post("/api/gan/users")
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(201, 409));
            return token(u, u + "-password");
        });
    }

    static String token(String username, String password) {
        return given().contentType("application/json")
                .body(Map.of("username", username, "password", password))
                .post("/api/gan/auth/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** Every RestAssured request of the calling test sends this token (undo with {@link #none()}). */
    static void as(String token) {
        RestAssured.requestSpecification = null; // a new builder starts from the current default: headers would pile up
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + token)
                .build();
    }

    static void none() {
        RestAssured.requestSpecification = null;
    }
}
