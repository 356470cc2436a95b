package dev.fleetsynth.engine.ingest;

import dev.fleetsynth.engine.profile.Units;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Physical units as column names of real exports write them: in brackets ({@code Torque [Nm]},
 * {@code Temp (°C)}), after "in" ({@code speed in rpm}), or as the suffix Fleetsynth's own sensor
 * names use ({@code bearing_temp_C}). Spellings are brought to one form ("Nm" and "N*m" alike).
 */
final class UnitNames {
    private static final Pattern BRACKETED = Pattern.compile("[\\[(]\\s*([^\\])]{1,12})\\s*[\\])]\\s*$");
    private static final Pattern IN_WORD = Pattern.compile("(?i)\\bin\\s+([A-Za-z°%/0-9*]{1,8})\\s*$");
    /** A unit written bare after the name ("Pump Vibration mm/s", "Temp_degC"); single letters are too ambiguous there. */
    private static final Pattern TRAILING = Pattern.compile("(?i)[ _]([A-Za-z°%/0-9*]{2,6})\\s*$");

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("k", "K"),
            Map.entry("kelvin", "K"),
            Map.entry("c", "C"),
            Map.entry("°c", "C"),
            Map.entry("degc", "C"),
            Map.entry("deg c", "C"),
            Map.entry("celsius", "C"),
            Map.entry("f", "F"),
            Map.entry("°f", "F"),
            Map.entry("degf", "F"),
            Map.entry("rpm", "rpm"),
            Map.entry("1/min", "rpm"),
            Map.entry("nm", "N*m"),
            Map.entry("n*m", "N*m"),
            Map.entry("n.m", "N*m"),
            Map.entry("n m", "N*m"),
            Map.entry("a", "A"),
            Map.entry("amp", "A"),
            Map.entry("amps", "A"),
            Map.entry("v", "V"),
            Map.entry("volt", "V"),
            Map.entry("w", "W"),
            Map.entry("kw", "kW"),
            Map.entry("bar", "bar"),
            Map.entry("psi", "psi"),
            Map.entry("psia", "psia"),
            Map.entry("pa", "Pa"),
            Map.entry("kpa", "kPa"),
            Map.entry("mpa", "MPa"),
            Map.entry("hz", "Hz"),
            Map.entry("mm/s", "mm/s"),
            Map.entry("m/s", "m/s"),
            Map.entry("g", "g"),
            Map.entry("m3/h", "m3/h"),
            Map.entry("m³/h", "m3/h"),
            Map.entry("l/min", "L/min"),
            Map.entry("lpm", "L/min"),
            Map.entry("%", "%"),
            Map.entry("pct", "%"),
            Map.entry("ppm", "ppm"),
            Map.entry("min", "min"),
            Map.entry("h", "h"),
            Map.entry("hr", "h"),
            Map.entry("hours", "h"),
            Map.entry("s", "s"),
            Map.entry("sec", "s"),
            Map.entry("mm", "mm"),
            Map.entry("um", "um"),
            Map.entry("µm", "um"),
            Map.entry("db", "dB"),
            Map.entry("kn", "kN"),
            Map.entry("n", "N"),
            Map.entry("pc", "pC"),
            Map.entry("kva", "kVA"),
            Map.entry("kv", "kV"));

    private UnitNames() {}

    static Optional<String> guess(String column) {
        String name = column.strip();
        for (Pattern p : new Pattern[] {BRACKETED, IN_WORD, TRAILING}) {
            Matcher m = p.matcher(name);
            if (m.find()) {
                String unit = CANONICAL.get(m.group(1).strip().toLowerCase(Locale.ROOT));
                if (unit != null) {
                    return Optional.of(unit);
                }
            }
        }
        return Units.fromName(name);
    }

    /** The name without its unit part: "Torque [Nm]" is "Torque". */
    static String withoutUnit(String column) {
        String name = BRACKETED.matcher(column.strip()).replaceFirst("");
        name = IN_WORD.matcher(name).replaceFirst("").strip();
        Matcher trailing = TRAILING.matcher(name);
        if (trailing.find() && CANONICAL.containsKey(trailing.group(1).toLowerCase(Locale.ROOT))) {
            name = name.substring(0, trailing.start()).strip();
        }
        return name;
    }
}
