package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.profile.SensorSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Matches the column names of a real export onto a profile's sensors, one to one: {@code Process
 * temperature [K]} onto {@code process_temp_K}. Names are cut into words (camel case, separators,
 * the unit taken out), abbreviations are spelt out, and words count as equal when their Jaro-Winkler
 * similarity reaches {@link #WORD_MATCH}, so "temprature" still finds "temperature". A column scores
 * by its words against the sensor's name and description, plus its unit against the sensor's;
 * pairs are taken best first, each column and sensor once, above {@link #THRESHOLD}.
 */
final class NameMatcher {
    static final double THRESHOLD = 0.35;
    static final double WORD_MATCH = 0.9;
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    /** Abbreviations of plant exports, spelt out. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("temp", "temperature"),
            Map.entry("tmp", "temperature"),
            Map.entry("temperatur", "temperature"),
            Map.entry("vib", "vibration"),
            Map.entry("vibr", "vibration"),
            Map.entry("vibe", "vibration"),
            Map.entry("press", "pressure"),
            Map.entry("pres", "pressure"),
            Map.entry("pressur", "pressure"),
            Map.entry("curr", "current"),
            Map.entry("amps", "current"),
            Map.entry("amp", "current"),
            Map.entry("spd", "speed"),
            Map.entry("rpm", "speed"),
            Map.entry("rotational", "speed"),
            Map.entry("rotation", "speed"),
            Map.entry("brg", "bearing"),
            Map.entry("bearings", "bearing"),
            Map.entry("mtr", "motor"),
            Map.entry("wdg", "winding"),
            Map.entry("windings", "winding"),
            Map.entry("stator", "winding"),
            Map.entry("proc", "process"),
            Map.entry("ambient", "air"),
            Map.entry("amb", "air"),
            Map.entry("environment", "air"),
            Map.entry("room", "air"),
            Map.entry("volt", "voltage"),
            Map.entry("pwr", "power"),
            Map.entry("kw", "power"),
            Map.entry("consumption", "power"),
            Map.entry("diff", "difference"),
            Map.entry("delta", "difference"),
            Map.entry("dp", "difference"),
            Map.entry("flowrate", "flow"),
            Map.entry("lvl", "level"),
            Map.entry("freq", "frequency"),
            Map.entry("oiltemp", "oil"),
            Map.entry("disch", "discharge"),
            Map.entry("dis", "discharge"),
            Map.entry("outlet", "discharge"),
            Map.entry("suct", "suction"),
            Map.entry("inlet", "suction"),
            Map.entry("trq", "torque"),
            Map.entry("tq", "torque"),
            Map.entry("moment", "torque"),
            Map.entry("hum", "humidity"),
            Map.entry("de", "drive"),
            Map.entry("nde", "nondrive"),
            Map.entry("pos", "position"),
            Map.entry("err", "error"),
            Map.entry("accel", "vibration"),
            Map.entry("acceleration", "vibration"),
            Map.entry("velocity", "vibration"),
            Map.entry("rms", "vibration"),
            Map.entry("h2", "hydrogen"),
            Map.entry("pd", "discharge"),
            Map.entry("hotspot", "hotspot"),
            Map.entry("airflow", "flow"),
            Map.entry("volumetric", "flow"),
            Map.entry("spindle", "spindle"));
    /** Words that say little on their own. */
    private static final Set<String> STOP = Set.of(
            "the",
            "of",
            "at",
            "in",
            "and",
            "value",
            "sensor",
            "signal",
            "reading",
            "measured",
            "actual",
            "act",
            "pv",
            "avg",
            "mean",
            "rms_value",
            "channel",
            "ch",
            "tag",
            "data",
            "a",
            "an");

    private NameMatcher() {}

    /** A column matched to a sensor, with its score. */
    record Match(String column, String sensor, double score) {}

    /** The best one-to-one matches of {@code columns} onto {@code sensors}; columns without one are absent. */
    static Map<String, Match> match(List<String> columns, List<SensorSpec> sensors) {
        List<Match> all = new ArrayList<>();
        for (String c : columns) {
            for (SensorSpec s : sensors) {
                all.add(new Match(c, s.name(), score(c, s)));
            }
        }
        all.sort(Comparator.comparingDouble(Match::score)
                .reversed()
                .thenComparing(Match::column)
                .thenComparing(Match::sensor));
        Map<String, Match> chosen = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Match m : all) {
            if (m.score() >= THRESHOLD && !chosen.containsKey(m.column()) && !taken.contains(m.sensor())) {
                chosen.put(m.column(), m);
                taken.add(m.sensor());
            }
        }
        return chosen;
    }

    static double score(String column, SensorSpec sensor) {
        List<String> words = words(UnitNames.withoutUnit(column));
        String sensorBase = sensor.name();
        String sensorUnitSuffix =
                dev.fleetsynth.engine.profile.Units.fromName(sensorBase).orElse(null);
        if (sensorUnitSuffix != null) {
            int cut = sensorBase.lastIndexOf('_');
            // "vibration_mm_s" ends in a two-part unit: drop both parts.
            sensorBase = sensorBase.substring(0, cut);
            if (sensorUnitSuffix.contains("/") && sensorBase.lastIndexOf('_') > 0 && !sensorUnitSuffix.equals("m3/h")) {
                sensorBase = sensorBase.substring(0, sensorBase.lastIndexOf('_'));
            }
        }
        List<String> nameWords = words(sensorBase);
        List<String> descriptionWords = words(sensor.description() == null ? "" : sensor.description());
        double name = overlap(words, nameWords);
        double description = overlap(words, descriptionWords);
        double unit = 0;
        String columnUnit = UnitNames.guess(column).orElse(null);
        String sensorUnit = canonicalUnit(sensor.unit());
        if (columnUnit != null && sensorUnit != null) {
            unit = columnUnit.equals(sensorUnit) ? 1 : -1;
        }
        return 0.6 * name + 0.25 * description + 0.15 * unit;
    }

    private static String canonicalUnit(String unit) {
        if (unit == null || unit.isBlank()) {
            return null;
        }
        return UnitNames.guess("x [" + unit + "]").orElse(unit);
    }

    /**
     * Soft overlap of two word lists: each word of {@code a} counts by its best Jaro-Winkler
     * similarity in {@code b} (when at least {@link #WORD_MATCH}), over the longer list's length, so
     * extra words on either side lower the score.
     */
    static double overlap(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double hit = 0;
        for (String w : a) {
            double best = 0;
            for (String v : b) {
                double s = w.equals(v) ? 1 : JW.apply(w, v);
                best = Math.max(best, s >= WORD_MATCH ? s : 0);
            }
            hit += best;
        }
        return hit / Math.max(a.size(), Math.min(b.size(), a.size() + 2));
    }

    /** Lower-case words, camel case and separators split, abbreviations spelt out, filler words dropped. */
    static List<String> words(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2")
                .replaceAll("([A-Za-z])(\\d)", "$1 $2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
        List<String> out = new ArrayList<>();
        if (spaced.isEmpty()) {
            return out;
        }
        for (String w : spaced.split(" ")) {
            String word = WORDS.getOrDefault(w, w);
            if (!STOP.contains(word) && !word.isEmpty() && !out.contains(word)) {
                out.add(word);
            }
        }
        return out;
    }
}
