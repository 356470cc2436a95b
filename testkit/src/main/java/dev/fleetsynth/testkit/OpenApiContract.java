package dev.fleetsynth.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The gateway's copy of a service's response schemas, checked against the running service.
 *
 * <p>The gateway relays the services' bodies as they come, so its OpenAPI document (and the dashboard's
 * types, generated from it) can only describe them from a copy: {@code gateway/src/main/resources/
 * META-INF/openapi.json}, which SmallRye merges into the gateway's document. Each service's schemas sit there
 * under its own prefix ({@code seed.JobView}, {@code trainer.JobView}: three services name a record
 * {@code JobView}). A service's test compares its live document with its part of the copy, so a changed
 * record fails the service's own build until the copy is written again with {@code -Dfleetsynth.openapi.write=true}.
 */
public final class OpenApiContract {
    /** The system property that rewrites the copy instead of failing. */
    public static final String WRITE = "fleetsynth.openapi.write";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiContract() {}

    /** The copy in the repository, from a module's directory (where Surefire runs). */
    public static Path gatewayCopy() {
        return Path.of(System.getProperty("fleetsynth.repo", ".."))
                .resolve("gateway/src/main/resources/META-INF/openapi.json");
    }

    /**
     * A service's test of its own OpenAPI document ({@code /q/openapi}, read once): its properties are named as
     * the JSON names them (snake_case, and the sample {@code schema.property} present), and the gateway's copy of
     * its schemas is this document's. With {@code -Dfleetsynth.openapi.write=true} the copy is written instead.
     */
    public static void assertServiceDocument(String service, String sampleSchema, String sampleProperty) {
        String live = RestAssured.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> problems = new ArrayList<>();
        try {
            Map<String, Object> schemas =
                    JSON.convertValue(JSON.readTree(live).path("components").path("schemas"), new TypeReference<>() {});
            OpenApiNames.misnamed(schemas, sampleSchema, sampleProperty).forEach(p -> problems.add("misnamed: " + p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> differ = differences(service, live, gatewayCopy(), Boolean.getBoolean(WRITE));
        if (!differ.isEmpty()) {
            problems.add("the gateway's copy of " + service + "'s schemas (" + gatewayCopy() + ") differs: " + differ
                    + "; write it with -D" + WRITE + "=true (docs/platform.md)");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    static List<String> differences(String service, String liveDocument, Path copy, boolean write) {
        try {
            Map<String, JsonNode> expected = prefixed(service, JSON.readTree(liveDocument));
            ObjectNode document = Files.exists(copy)
                    ? (ObjectNode) JSON.readTree(copy.toFile())
                    : JSON.createObjectNode().put("openapi", "3.1.0");
            ObjectNode schemas = document.withObjectProperty("components").withObjectProperty("schemas");
            String prefix = service + ".";
            Map<String, JsonNode> actual = new TreeMap<>();
            schemas.properties().forEach(e -> {
                if (e.getKey().startsWith(prefix)) {
                    actual.put(e.getKey(), e.getValue());
                }
            });
            List<String> differ = new ArrayList<>();
            TreeSet<String> names = new TreeSet<>(expected.keySet());
            names.addAll(actual.keySet());
            for (String name : names) {
                if (!expected.containsKey(name)) {
                    differ.add(name + " is in the copy only");
                } else if (!expected.get(name).equals(actual.get(name))) {
                    differ.add(name + (actual.containsKey(name) ? " differs" : " is missing from the copy"));
                }
            }
            if (differ.isEmpty() || !write) {
                return differ;
            }
            Map<String, JsonNode> all = new TreeMap<>();
            schemas.properties().forEach(e -> all.put(e.getKey(), e.getValue()));
            all.keySet().removeIf(name -> name.startsWith(prefix));
            all.putAll(expected);
            schemas.removeAll();
            all.forEach(schemas::set);
            Path tmp = copy.resolveSibling(copy.getFileName() + ".tmp");
            Files.createDirectories(copy.getParent());
            Files.writeString(tmp, JSON.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's schemas under the service's prefix, with every reference between them renamed too. */
    static Map<String, JsonNode> prefixed(String service, JsonNode document) {
        Map<String, JsonNode> out = new TreeMap<>();
        document.path("components").path("schemas").properties().forEach(e -> {
            JsonNode copy = e.getValue().deepCopy();
            rename(copy, service);
            out.put(service + "." + e.getKey(), copy);
        });
        return out;
    }

    private static void rename(JsonNode node, String service) {
        String local = "#/components/schemas/";
        if (node instanceof ObjectNode o) {
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(local)) {
                o.put("$ref", local + service + "." + ref.asText().substring(local.length()));
            }
        }
        node.forEach(child -> rename(child, service));
    }
}
