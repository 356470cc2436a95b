package dev.fleetsynth.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks that an OpenAPI document names its schemas' properties as the services' JSON does (snake_case). */
public final class OpenApiNames {
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9_]*");

    private OpenApiNames() {}

    /**
     * What is wrong with a service's OpenAPI schemas ({@code components.schemas}): a property that is not
     * snake_case, or the sample {@code schema.property} (one the JSON has) missing. Empty when they are right.
     */
    public static List<String> misnamed(Map<String, ?> schemas, String schema, String property) {
        List<String> wrong = notSnakeCase(schemas);
        if (!(schemas.get(schema) instanceof Map<?, ?> m
                && m.get("properties") instanceof Map<?, ?> properties
                && properties.containsKey(property))) {
            wrong.add(schema + "." + property + " is missing");
        }
        return wrong;
    }

    /**
     * "Schema.property" for each property of the given {@code components.schemas} whose name is not
     * snake_case: a document that says {@code machineId} where the body has {@code machine_id}.
     */
    public static List<String> notSnakeCase(Map<String, ?> schemas) {
        List<String> wrong = new ArrayList<>();
        schemas.forEach((schema, body) -> {
            if (body instanceof Map<?, ?> m && m.get("properties") instanceof Map<?, ?> properties) {
                for (Object name : properties.keySet()) {
                    if (!SNAKE_CASE.matcher(name.toString()).matches()) {
                        wrong.add(schema + "." + name);
                    }
                }
            }
        });
        return wrong;
    }
}
