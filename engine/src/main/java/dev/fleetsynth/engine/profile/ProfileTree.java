package dev.fleetsynth.engine.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one mapping between a profile's document tree (field names as users write them, snake_case)
 * and {@link MachineProfile}. JSON and YAML parse to a tree directly and Excel workbooks are turned
 * into the same tree, so field names, type checks and their messages live only here.
 *
 * <p>Reading never stops at the first bad field: a value of the wrong type is reported and read as
 * missing (NaN, null), so that validation can go on and report everything else too.
 */
public final class ProfileTree {
    public static final List<String> TOP_FIELDS = List.of(
            "machine_id",
            "machine_type",
            "manufacturer",
            "model",
            "sensors",
            "failure_modes",
            "operational_parameters",
            "rul");
    public static final List<String> SENSOR_FIELDS =
            List.of("name", "unit", "type", "base", "range", "noise", "response", "description");
    public static final List<String> FAILURE_MODE_FIELDS = List.of("name", "sensors", "weight", "description");
    public static final List<String> RUL_FIELDS = List.of("max_rul", "cycles", "degradation_pattern", "rul_noise");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileTree() {}

    public static ObjectNode toTree(MachineProfile p) {
        ObjectNode root = NODES.objectNode();
        root.put("machine_id", p.machineId());
        root.put("machine_type", p.machineType());
        root.put("manufacturer", p.manufacturer());
        root.put("model", p.model());
        ArrayNode sensors = root.putArray("sensors");
        for (SensorSpec s : p.sensors()) {
            ObjectNode n = sensors.addObject();
            n.put("name", s.name());
            n.put("unit", s.unit());
            n.put("type", s.type());
            n.put("base", s.base());
            n.put("range", s.range());
            n.put("noise", s.noise());
            n.put("response", s.response().wireName());
            if (s.description() != null && !s.description().isEmpty()) {
                n.put("description", s.description());
            }
        }
        ArrayNode modes = root.putArray("failure_modes");
        for (FailureMode m : p.failureModes()) {
            ObjectNode n = modes.addObject();
            n.put("name", m.name());
            ArrayNode names = n.putArray("sensors");
            m.sensors().forEach(names::add);
            n.put("weight", m.weight());
            if (m.description() != null && !m.description().isEmpty()) {
                n.put("description", m.description());
            }
        }
        ObjectNode params = root.putObject("operational_parameters");
        p.operationalParameters().forEach((k, v) -> params.set(k, scalarNode(v)));
        ObjectNode rul = root.putObject("rul");
        rul.put("max_rul", p.rul().maxRul());
        rul.put("cycles", p.rul().cycles());
        rul.put("degradation_pattern", p.rul().pattern().wireName());
        rul.put("rul_noise", p.rul().rulNoise());
        return root;
    }

    private static JsonNode scalarNode(Object v) {
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        return NODES.textNode(String.valueOf(v));
    }

    /** Reads a tree into a profile, reporting type problems; the result still needs validation. */
    static MachineProfile fromTree(JsonNode root, Problems problems) {
        if (root == null || !root.isObject()) {
            problems.add(
                    Problem.FILE,
                    "the profile must be a mapping of fields (machine_id, sensors, rul, ...)",
                    "start from a template: fleetsynth template blank --format yaml --out profile.yaml");
            return null;
        }
        unknownFields(root, "", TOP_FIELDS, problems);
        List<SensorSpec> sensors = new ArrayList<>();
        JsonNode sensorsNode = root.get("sensors");
        if (sensorsNode != null && !sensorsNode.isNull() && !sensorsNode.isArray()) {
            problems.add(
                    "sensors",
                    "must be a list of sensors",
                    "write sensors as a list: sensors: [ {name: ..., unit: ...} ]");
        } else if (sensorsNode != null) {
            for (int i = 0; i < sensorsNode.size(); i++) {
                String path = "sensors[" + i + "]";
                JsonNode s = sensorsNode.get(i);
                if (!s.isObject()) {
                    problems.add(
                            path,
                            "must be a mapping with name, unit, base, range and noise",
                            "write it as {name: bearing_temp_C, unit: C, base: 40, range: 30, noise: 0.5}");
                    continue;
                }
                unknownFields(s, path + ".", SENSOR_FIELDS, problems);
                String responseName = text(s, "response", path, problems);
                ResponseCurve response = ResponseCurve.LINEAR;
                if (responseName != null) {
                    response = ResponseCurve.fromWireName(responseName).orElse(null);
                    if (response == null) {
                        problems.add(
                                path + ".response",
                                "unknown response curve '" + responseName + "'",
                                Suggest.oneOf(responseName, ResponseCurve.wireNames()));
                    }
                }
                String type = text(s, "type", path, problems);
                sensors.add(new SensorSpec(
                        text(s, "name", path, problems),
                        text(s, "unit", path, problems),
                        type == null ? SensorSpec.NUMERIC : type,
                        number(s, "base", path, problems),
                        number(s, "range", path, problems),
                        number(s, "noise", path, problems),
                        response,
                        orEmpty(text(s, "description", path, problems))));
            }
        }
        List<FailureMode> modes = new ArrayList<>();
        JsonNode modesNode = root.get("failure_modes");
        if (modesNode != null && !modesNode.isNull() && !modesNode.isArray()) {
            problems.add(
                    "failure_modes",
                    "must be a list of failure modes",
                    "write failure_modes: [ {name: bearing_wear, sensors: [vibration_mm_s], weight: 1} ]");
        } else if (modesNode != null) {
            for (int i = 0; i < modesNode.size(); i++) {
                String path = "failure_modes[" + i + "]";
                JsonNode m = modesNode.get(i);
                if (!m.isObject()) {
                    problems.add(
                            path,
                            "must be a mapping with name, sensors and weight",
                            "write it as {name: bearing_wear, sensors: [vibration_mm_s], weight: 1}");
                    continue;
                }
                unknownFields(m, path + ".", FAILURE_MODE_FIELDS, problems);
                List<String> names = new ArrayList<>();
                JsonNode list = m.get("sensors");
                if (list == null || list.isNull()) {
                    problems.add(path + ".sensors", "is missing", "name the sensors this failure shows in");
                } else if (!list.isArray()) {
                    problems.add(
                            path + ".sensors",
                            "must be a list of sensor names",
                            "write sensors: [vibration_mm_s, bearing_temp_C]");
                } else {
                    for (int j = 0; j < list.size(); j++) {
                        if (list.get(j).isTextual()) {
                            names.add(list.get(j).asText());
                        } else {
                            problems.add(
                                    path + ".sensors[" + j + "]",
                                    "must be a sensor name",
                                    "write the name of a sensor of this profile");
                        }
                    }
                }
                double weight = m.has("weight") ? number(m, "weight", path, problems) : 1.0;
                modes.add(new FailureMode(
                        orEmpty(text(m, "name", path, problems)),
                        names,
                        weight,
                        orEmpty(text(m, "description", path, problems))));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode paramsNode = root.get("operational_parameters");
        if (paramsNode != null && !paramsNode.isNull() && !paramsNode.isObject()) {
            problems.add(
                    "operational_parameters",
                    "must be a mapping of name to value",
                    "write operational_parameters: {rated_power_kW: 15, rated_speed_rpm: 1480}");
        } else if (paramsNode != null) {
            for (Map.Entry<String, JsonNode> e : paramsNode.properties()) {
                JsonNode v = e.getValue();
                if (v.isIntegralNumber()) {
                    params.put(e.getKey(), v.longValue());
                } else if (v.isNumber()) {
                    params.put(e.getKey(), v.doubleValue());
                } else if (v.isBoolean()) {
                    params.put(e.getKey(), v.booleanValue());
                } else if (v.isTextual()) {
                    params.put(e.getKey(), v.textValue());
                } else {
                    problems.add(
                            "operational_parameters." + e.getKey(),
                            "must be a number, a string or true/false",
                            "give a single value, e.g. " + e.getKey() + ": 15");
                }
            }
        }
        RulSettings rul = null;
        JsonNode rulNode = root.get("rul");
        if (rulNode != null && !rulNode.isNull() && !rulNode.isObject()) {
            problems.add(
                    "rul",
                    "must be a mapping with max_rul, cycles, degradation_pattern and rul_noise",
                    "write rul: {max_rul: 1000, cycles: 3, degradation_pattern: linear_slow, rul_noise: 10}");
        } else if (rulNode != null) {
            unknownFields(rulNode, "rul.", RUL_FIELDS, problems);
            String patternName = text(rulNode, "degradation_pattern", "rul", problems);
            DegradationPattern pattern = null;
            if (patternName != null) {
                pattern = DegradationPattern.fromWireName(patternName).orElse(null);
                if (pattern == null) {
                    problems.add(
                            "rul.degradation_pattern",
                            "unknown degradation pattern '" + patternName + "'",
                            Suggest.oneOf(patternName, DegradationPattern.wireNames()));
                }
            }
            double cycles = number(rulNode, "cycles", "rul", problems);
            if (!Double.isNaN(cycles) && cycles != Math.rint(cycles)) {
                problems.add("rul.cycles", "must be a whole number, got " + cycles, "use " + Math.round(cycles));
            }
            double rulNoise = rulNode.has("rul_noise") ? number(rulNode, "rul_noise", "rul", problems) : 0.0;
            rul = new RulSettings(
                    number(rulNode, "max_rul", "rul", problems),
                    Double.isNaN(cycles) ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, cycles)),
                    pattern,
                    rulNoise);
        }
        return new MachineProfile(
                text(root, "machine_id", "", problems),
                text(root, "machine_type", "", problems),
                orEmpty(text(root, "manufacturer", "", problems)),
                orEmpty(text(root, "model", "", problems)),
                sensors,
                modes,
                params,
                rul);
    }

    private static void unknownFields(JsonNode node, String prefix, List<String> known, Problems problems) {
        Set<String> allowed = Set.copyOf(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                problems.add(
                        prefix + name,
                        "unknown field '" + name + "'",
                        Suggest.closest(name, known)
                                .map(c -> "did you mean '" + c + "'? known fields: " + String.join(", ", known))
                                .orElse("remove it; known fields: " + String.join(", ", known)));
            }
        }
    }

    private static String join(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static String text(JsonNode node, String field, String parent, Problems problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            // YAML reads `model: 1LA7` as text but `model: 2024` as a number; both are meant as text.
            return v.asText();
        }
        problems.add(
                join(parent, field),
                "must be text, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
                "write a single value, e.g. " + field + ": some_value");
        return null;
    }

    private static double number(JsonNode node, String field, String parent, Problems problems) {
        JsonNode v = node.get(field);
        String path = join(parent, field);
        if (v == null || v.isNull()) {
            problems.add(path, "is missing", "add " + field + " as a number");
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            String t = v.textValue().trim();
            try {
                // Spreadsheets and hand-written YAML often quote numbers; accept them, but not "NaN" or "Infinity".
                double d = Double.parseDouble(t);
                if (Double.isFinite(d) && t.matches("[-+]?[0-9.eE+-]+")) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(
                    path,
                    "must be a number, got '" + t + "'",
                    "write " + field + " as a plain number, e.g. " + field + ": 1.5");
            return Double.NaN;
        }
        problems.add(path, "must be a number", "write " + field + " as a plain number, e.g. " + field + ": 1.5");
        return Double.NaN;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
