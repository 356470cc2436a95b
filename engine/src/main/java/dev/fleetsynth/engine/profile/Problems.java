package dev.fleetsynth.engine.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects problems, one per path: reading a field and validating it may both find it wrong
 * (a base of "forty" is both not a number and not finite), and the user should read it once,
 * in the words of whoever found it first.
 */
final class Problems {
    private final Map<String, Problem> byPath = new LinkedHashMap<>();

    void add(String path, String message, String suggestion) {
        byPath.putIfAbsent(path, new Problem(path, message, suggestion));
    }

    boolean has(String path) {
        return byPath.containsKey(path);
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(new ArrayList<>(byPath.values()));
    }
}
