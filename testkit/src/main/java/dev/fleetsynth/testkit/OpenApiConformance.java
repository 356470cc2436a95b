package dev.fleetsynth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a real answer is what the OpenAPI document says it is: every required property present (and not null
 * unless the schema allows null), each value of its schema's type and enumeration, through $ref, allOf, arrays
 * and additional properties. The dashboard's generated types trust the document; this checks the document
 * against the bodies the services really send, so a {@code requiredProperties} that claims too much fails.
 */
public final class OpenApiConformance {
    private static final String REF = "#/components/schemas/";
    /** Enough of an array to find a wrong element, without walking 5,000 rows of a page. */
    private static final int ITEMS = 50;

    private OpenApiConformance() {}

    /** The problems of {@code body} as the 2xx answer of {@code METHOD path} (the path as the document has it). */
    public static List<String> problems(JsonNode document, String method, String path, JsonNode body) {
        JsonNode op = document.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT));
        if (op.isMissingNode()) {
            return List.of(method + " " + path + " is not in the document");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            JsonNode schema =
                    r.getValue().path("content").path("application/json").path("schema");
            if (r.getKey().startsWith("2") && !schema.isMissingNode()) {
                List<String> out = new ArrayList<>();
                check(document, schema, body, method + " " + path, out);
                return out;
            }
        }
        return List.of(method + " " + path + " has no JSON schema for its answer");
    }

    private static void check(JsonNode document, JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema.has("$ref")) {
            JsonNode target = resolve(document, schema);
            if (target.isMissingNode()) {
                out.add(at + ": the document has no " + schema.get("$ref").asText());
                return;
            }
            check(document, target, value, at, out);
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(document, part, value, at, out);
        }
        // anyOf / oneOf (a nullable reference is anyOf [the reference, null]): one branch must fit
        for (String alternatives : List.of("anyOf", "oneOf")) {
            if (schema.has(alternatives)) {
                List<String> first = null;
                for (JsonNode branch : schema.get(alternatives)) {
                    List<String> problems = new ArrayList<>();
                    check(document, branch, value, at, problems);
                    if (problems.isEmpty()) {
                        first = List.of();
                        break;
                    }
                    first = first == null ? problems : first;
                }
                if (first != null) {
                    out.addAll(first);
                }
            }
        }
        Set<String> types = new HashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        }
        type.forEach(t -> types.add(t.asText()));
        if (!types.isEmpty()
                && !types.contains(typeOf(value))
                && !(typeOf(value).equals("integer") && types.contains("number"))) {
            out.add(at + ": " + typeOf(value) + " where the document says " + types);
            return;
        }
        if (schema.has("enum") && value.isTextual()) {
            boolean listed = false;
            for (JsonNode e : schema.get("enum")) {
                listed |= e.asText().equals(value.asText());
            }
            if (!listed) {
                out.add(at + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < Math.min(value.size(), ITEMS); i++) {
                // a null in a list is let be: an annotation cannot mark a list's items nullable (a correlation
                // matrix has nulls; api.ts types that one field by hand)
                if (!value.get(i).isNull()) {
                    check(document, schema.get("items"), value.get(i), at + "[" + i + "]", out);
                }
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                JsonNode v = value.get(name.asText());
                if (v == null) {
                    out.add(at + "." + name.asText() + " is required but absent");
                } else if (v.isNull()
                        && !allowsNull(document, schema.path("properties").path(name.asText()))) {
                    out.add(at + "." + name.asText() + " is required but null");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode property = schema.path("properties").path(f.getKey());
                if (f.getValue().isNull()) {
                    continue; // an optional property sent as null is as good as absent (the types say optional)
                }
                if (!property.isMissingNode()) {
                    check(document, property, f.getValue(), at + "." + f.getKey(), out);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(document, schema.get("additionalProperties"), f.getValue(), at + "." + f.getKey(), out);
                }
            }
        }
    }

    private static boolean allowsNull(JsonNode document, JsonNode schema) {
        if (schema.has("$ref")) {
            return allowsNull(document, resolve(document, schema));
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            for (JsonNode branch : schema.path(alternatives)) {
                if (allowsNull(document, branch)) {
                    return true;
                }
            }
        }
        JsonNode type = schema.path("type");
        if (type.isMissingNode()) {
            return !schema.has("anyOf") && !schema.has("oneOf") && !schema.has("allOf"); // else any JSON value
        }
        if (type.isTextual()) {
            return type.asText().equals("null");
        }
        for (JsonNode t : type) {
            if (t.asText().equals("null")) {
                return true;
            }
        }
        return false;
    }

    /** The schema a {@code $ref} names (a missing node when the document has none). */
    private static JsonNode resolve(JsonNode document, JsonNode reference) {
        return document.path("components")
                .path("schemas")
                .path(reference.get("$ref").asText().substring(REF.length()));
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT, POJO -> "object";
            case STRING, BINARY -> "string";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
        };
    }
}
