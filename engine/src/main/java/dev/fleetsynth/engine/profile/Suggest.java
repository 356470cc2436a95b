package dev.fleetsynth.engine.profile;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for misspelt names. */
public final class Suggest {
    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(4);

    private Suggest() {}

    public static Optional<String> closest(String given, Collection<String> known) {
        if (given == null) {
            return Optional.empty();
        }
        String lower = given.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = DISTANCE.apply(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d >= 0 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    static String oneOf(String given, Collection<String> known) {
        return closest(given, known)
                .map(c -> "use '" + c + "'; allowed: " + String.join(", ", known))
                .orElse("use one of: " + String.join(", ", known));
    }
}
