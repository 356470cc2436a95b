package dev.fleetsynth.engine.profile;

/**
 * One thing wrong with a profile.
 *
 * @param path       where, in the profile's own field names: {@code sensors[2].unit}, {@code rul.cycles};
 *                   {@code (file)} for problems with the file as a whole
 * @param message    what is wrong, in a sentence
 * @param suggestion how to fix it, concrete enough to apply
 */
public record Problem(String path, String message, String suggestion) {
    public static final String FILE = "(file)";

    @Override
    public String toString() {
        return path + ": " + message + (suggestion == null || suggestion.isEmpty() ? "" : " (fix: " + suggestion + ")");
    }
}
