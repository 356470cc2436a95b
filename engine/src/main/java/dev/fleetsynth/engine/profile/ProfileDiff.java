package dev.fleetsynth.engine.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The field-by-field difference between two profile versions, in the profile's own paths
 * ({@code sensors[2].range}, {@code rul.cycles}). Sensors are matched by name, not position, so
 * inserting a sensor shows as one addition rather than a shifted list.
 */
public final class ProfileDiff {
    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    @Schema(requiredProperties = {"path", "kind"})
    public record Change(String path, Kind kind, JsonNode before, JsonNode after) {}

    private ProfileDiff() {}

    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null || a.isMissingNode()) {
            if (b != null && !b.isMissingNode()) {
                out.add(new Change(path, Kind.ADDED, null, b));
            }
            return;
        }
        if (b == null || b.isMissingNode()) {
            out.add(new Change(path, Kind.REMOVED, a, null));
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, a.path(name), b.path(name), out);
            }
        } else if (a.isArray() && b.isArray() && namedElements(a) && namedElements(b)) {
            Set<String> names = new LinkedHashSet<>();
            a.forEach(e -> names.add(e.get("name").asText()));
            b.forEach(e -> names.add(e.get("name").asText()));
            for (String name : names) {
                walk(path + "[" + name + "]", byName(a, name), byName(b, name), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", a.path(i), b.path(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(new Change(path, Kind.CHANGED, a, b));
        }
    }

    private static boolean namedElements(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode e = it.next();
            if (!e.isObject()
                    || !e.path("name").isTextual()
                    || !names.add(e.get("name").asText())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode byName(JsonNode array, String name) {
        for (JsonNode e : array) {
            if (e.get("name").asText().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
