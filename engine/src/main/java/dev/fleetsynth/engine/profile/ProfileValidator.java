package dev.fleetsynth.engine.profile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Every rule a profile must meet; finds all problems in one pass. */
public final class ProfileValidator {
    public static final int MIN_SENSORS = 1;
    public static final int MAX_SENSORS = 50;
    public static final int MIN_CYCLES = 1;
    public static final int MAX_CYCLES = 20;
    static final int MAX_TEXT = 200;

    /** A machine id: what a profile may name, and what the gateway accepts in its paths. */
    public static final Pattern MACHINE_ID = Pattern.compile("[a-z0-9_]{3,64}");

    private static final Pattern MACHINE_TYPE = Pattern.compile("[a-z][a-z0-9_]{1,63}");
    // Sensor names become Parquet/Avro column names, which must be identifiers.
    private static final Pattern SENSOR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** The columns every dataset has besides its sensors. */
    public static final Set<String> RESERVED_COLUMNS = Set.of("timestamp", "machine_id", "cycle", "rul");

    private ProfileValidator() {}

    public static List<Problem> validate(MachineProfile profile) {
        Problems problems = new Problems();
        validate(profile, problems);
        return problems.list();
    }

    static void validate(MachineProfile p, Problems problems) {
        if (p == null) {
            return;
        }
        machineId(p.machineId(), problems);
        machineType(p.machineType(), problems);
        shortText("manufacturer", p.manufacturer(), problems);
        shortText("model", p.model(), problems);
        sensors(p.sensors(), problems);
        failureModes(p, problems);
        p.operationalParameters().forEach((name, value) -> {
            if (name.isBlank() || name.length() > 64) {
                problems.add(
                        "operational_parameters." + name,
                        "parameter names must be 1..64 characters",
                        "rename it, e.g. rated_power_kW");
            } else if (value instanceof Double d && !Double.isFinite(d)) {
                problems.add(
                        "operational_parameters." + name, "must be a finite number", "give a real value or remove it");
            }
        });
        rul(p.rul(), problems);
    }

    private static void machineId(String id, Problems problems) {
        if (id == null || id.isBlank()) {
            problems.add("machine_id", "is missing", "add machine_id, e.g. machine_id: pump_ksb_etanorm_001");
        } else if (!MACHINE_ID.matcher(id).matches()) {
            problems.add(
                    "machine_id",
                    "must be 3..64 lowercase letters, digits or _, got '" + id + "'",
                    "use '" + identifier(id, 3, 64) + "'");
        }
    }

    private static void machineType(String type, Problems problems) {
        if (type == null || type.isBlank()) {
            problems.add(
                    "machine_type",
                    "is missing",
                    "add machine_type: one of motor, pump, compressor, cnc, fan, conveyor, robot, hydraulic, transformer, "
                            + "cooling_tower, turbofan, or a custom type such as chiller");
        } else if (!MACHINE_TYPE.matcher(type).matches()) {
            problems.add(
                    "machine_type",
                    "must be 2..64 lowercase letters, digits or _ starting with a letter, got '" + type + "'",
                    "use '" + identifier(type, 2, 64) + "'");
        }
    }

    private static void shortText(String field, String value, Problems problems) {
        if (value != null && value.length() > MAX_TEXT) {
            problems.add(field, "is longer than " + MAX_TEXT + " characters", "shorten it");
        }
    }

    private static void sensors(List<SensorSpec> sensors, Problems problems) {
        if (sensors.size() < MIN_SENSORS && !problems.has("sensors")) {
            problems.add(
                    "sensors",
                    "at least one sensor is needed",
                    "add a sensor: {name: bearing_temp_C, unit: C, base: 40, range: 30, noise: 0.5}");
        } else if (sensors.size() > MAX_SENSORS) {
            problems.add(
                    "sensors",
                    "at most " + MAX_SENSORS + " sensors are supported, got " + sensors.size(),
                    "keep the " + MAX_SENSORS + " most informative sensors, or split the machine into sub-assemblies");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorSpec s = sensors.get(i);
            String path = "sensors[" + i + "]";
            if (s.name() == null || s.name().isBlank()) {
                problems.add(path + ".name", "is missing", "add name, e.g. name: bearing_temp_C");
            } else if (!SENSOR_NAME.matcher(s.name()).matches()) {
                problems.add(
                        path + ".name",
                        "must start with a letter or _ and hold only letters, digits and _ (at most 64), got '"
                                + s.name() + "'",
                        "use '" + columnName(s.name()) + "'");
            } else if (RESERVED_COLUMNS.contains(s.name().toLowerCase(Locale.ROOT))) {
                problems.add(
                        path + ".name",
                        "'" + s.name() + "' is a column every dataset already has",
                        "rename it, e.g. '" + s.name() + "_sensor'");
            } else {
                Integer first = seen.putIfAbsent(s.name().toLowerCase(Locale.ROOT), i);
                if (first != null) {
                    problems.add(
                            path + ".name",
                            "duplicate sensor name '" + s.name() + "' (also sensors[" + first
                                    + "]; names are compared ignoring case)",
                            "rename one of them, e.g. '" + s.name() + "_2'");
                }
            }
            if (!SensorSpec.NUMERIC.equals(s.type())) {
                problems.add(
                        path + ".type",
                        "only numeric sensors are supported, got '" + s.type() + "'",
                        "set type: numeric, or remove the sensor");
            }
            if (s.unit() == null || s.unit().isBlank()) {
                problems.add(
                        path + ".unit",
                        "is missing",
                        Units.fromName(s.name())
                                .map(u -> "add unit: " + u + " (the name ends in its unit)")
                                .orElse("add the unit the sensor reads in, e.g. unit: C, mm/s, A, bar or rpm"));
            } else if (s.unit().length() > 32) {
                problems.add(path + ".unit", "is longer than 32 characters", "use the unit's symbol, e.g. mm/s");
            }
            finite(path + ".base", s.base(), "the healthy reading, e.g. base: 40", problems);
            finite(
                    path + ".range",
                    s.range(),
                    "the change from healthy to failed, negative if it falls, e.g. range: 30",
                    problems);
            finite(path + ".noise", s.noise(), "the measurement noise's standard deviation, e.g. noise: 0.5", problems);
            if (Double.isFinite(s.noise()) && s.noise() < 0) {
                problems.add(
                        path + ".noise",
                        "must be >= 0 (a standard deviation), got " + s.noise(),
                        "use " + Math.abs(s.noise()));
            }
            if (s.response() == null && !problems.has(path + ".response")) {
                problems.add(
                        path + ".response",
                        "is missing",
                        "use one of: " + String.join(", ", ResponseCurve.wireNames()));
            }
            shortText(path + ".description", s.description(), problems);
        }
    }

    private static void failureModes(MachineProfile p, Problems problems) {
        Set<String> sensorNames = new HashSet<>();
        p.sensors().forEach(s -> sensorNames.add(s.name()));
        Set<String> modeNames = new HashSet<>();
        for (int i = 0; i < p.failureModes().size(); i++) {
            FailureMode m = p.failureModes().get(i);
            String path = "failure_modes[" + i + "]";
            if (m.name() == null || m.name().isBlank()) {
                problems.add(path + ".name", "is missing", "add name, e.g. name: bearing_wear");
            } else if (!modeNames.add(m.name())) {
                problems.add(path + ".name", "duplicate failure mode '" + m.name() + "'", "rename or merge the two");
            }
            if (m.sensors().isEmpty() && !problems.has(path + ".sensors")) {
                problems.add(
                        path + ".sensors", "must name at least one sensor", "list the sensors this failure shows in");
            }
            for (int j = 0; j < m.sensors().size(); j++) {
                String name = m.sensors().get(j);
                if (!sensorNames.contains(name)) {
                    problems.add(
                            path + ".sensors[" + j + "]",
                            "no sensor named '" + name + "' in this profile",
                            Suggest.closest(
                                            name,
                                            sensorNames.stream()
                                                    .filter(n -> n != null)
                                                    .sorted()
                                                    .toList())
                                    .map(c -> "did you mean '" + c + "'?")
                                    .orElse("add the sensor or remove it from the list"));
                }
            }
            if (!Double.isFinite(m.weight()) || m.weight() <= 0) {
                problems.add(
                        path + ".weight",
                        "must be a number > 0 (the mode's relative frequency), got " + m.weight(),
                        "use weight: 1 for equally likely modes");
            }
        }
    }

    private static void rul(RulSettings rul, Problems problems) {
        if (rul == null) {
            if (!problems.has("rul")) {
                problems.add(
                        "rul",
                        "is missing",
                        "add rul: {max_rul: 1000, cycles: 3, degradation_pattern: linear_slow, rul_noise: 10}");
            }
            return;
        }
        finite("rul.max_rul", rul.maxRul(), "the typical lifetime in hours, e.g. max_rul: 1000", problems);
        if (Double.isFinite(rul.maxRul()) && rul.maxRul() <= 0) {
            problems.add(
                    "rul.max_rul",
                    "must be > 0 hours, got " + rul.maxRul(),
                    "use the typical lifetime in hours, e.g. 1000");
        }
        if (rul.cycles() < MIN_CYCLES || rul.cycles() > MAX_CYCLES) {
            problems.add(
                    "rul.cycles",
                    "must be " + MIN_CYCLES + ".." + MAX_CYCLES + ", got " + rul.cycles(),
                    "use " + Math.max(MIN_CYCLES, Math.min(MAX_CYCLES, rul.cycles())));
        }
        if (rul.pattern() == null) {
            problems.add(
                    "rul.degradation_pattern",
                    "is missing",
                    "use one of: " + String.join(", ", DegradationPattern.wireNames()));
        }
        finite(
                "rul.rul_noise",
                rul.rulNoise(),
                "the lifetime's standard deviation in hours, e.g. rul_noise: 10",
                problems);
        if (Double.isFinite(rul.rulNoise()) && rul.rulNoise() < 0) {
            problems.add(
                    "rul.rul_noise",
                    "must be >= 0 (a standard deviation), got " + rul.rulNoise(),
                    "use " + Math.abs(rul.rulNoise()));
        } else if (Double.isFinite(rul.rulNoise())
                && Double.isFinite(rul.maxRul())
                && rul.maxRul() > 0
                && rul.rulNoise() > rul.maxRul() / 2) {
            problems.add(
                    "rul.rul_noise",
                    "must be at most half of max_rul (" + rul.maxRul() / 2 + "), got " + rul.rulNoise(),
                    "use a spread of 1-5 % of max_rul, e.g. " + Math.round(rul.maxRul() * 0.02));
        }
    }

    private static void finite(String path, double value, String hint, Problems problems) {
        if (!Double.isFinite(value)) {
            problems.add(
                    path,
                    Double.isNaN(value) ? "is missing or not a number" : "must be finite, got " + value,
                    "write " + hint);
        }
    }

    /** A valid identifier close to what the user wrote, for suggestions. */
    static String identifier(String raw, int min, int max) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "m_" + s;
        }
        while (s.length() < min) {
            s = s + "_1";
        }
        return s.length() > max ? s.substring(0, max) : s;
    }

    static String columnName(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            s = "s_" + s;
        }
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
