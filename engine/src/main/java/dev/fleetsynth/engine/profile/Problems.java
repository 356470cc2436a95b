package dev.fleetsynth.engine.profile;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** In document order: file-level problems first, then by field as a profile lists them, sensors by index. */
    List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(byPath.values());
        sorted.sort(Comparator.comparingInt((Problem p) -> fieldRank(p.path()))
                .thenComparingInt(p -> firstIndex(p.path())));
        return List.copyOf(sorted);
    }

    private static int fieldRank(String path) {
        if (path.startsWith("(")) {
            return -1;
        }
        int end = 0;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        int rank = ProfileTree.TOP_FIELDS.indexOf(path.substring(0, end));
        return rank < 0 ? ProfileTree.TOP_FIELDS.size() : rank;
    }

    private static int firstIndex(String path) {
        int open = path.indexOf('[');
        int close = path.indexOf(']', open + 1);
        if (open < 0 || close < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(path.substring(open + 1, close));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
