package dev.fleetsynth.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Small helpers for messages. */
final class Names {
    private Names() {}

    static String didYouMean(String given, Collection<String> known) {
        // Only near misses: suggesting "motor" for "nope" helps nobody.
        LevenshteinDistance distance = new LevenshteinDistance(Math.max(2, given.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance.apply(given, k);
            if (d >= 0 && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** An I/O failure in a few words, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
