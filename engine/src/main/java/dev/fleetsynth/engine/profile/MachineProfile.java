package dev.fleetsynth.engine.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A machine as Fleetsynth knows it: identity, sensors, failure modes, operating parameters and
 * run-to-failure settings. JSON, YAML and Excel profiles all read into this one record.
 *
 * @param operationalParameters name to a number, a string or a boolean (rated power, speed, ...)
 */
public record MachineProfile(
        String machineId,
        String machineType,
        String manufacturer,
        String model,
        List<SensorSpec> sensors,
        List<FailureMode> failureModes,
        Map<String, Object> operationalParameters,
        RulSettings rul) {

    public MachineProfile {
        sensors = List.copyOf(sensors);
        failureModes = List.copyOf(failureModes);
        Map<String, Object> params = new LinkedHashMap<>();
        operationalParameters.forEach((name, value) -> params.put(name, canonical(value)));
        operationalParameters = Collections.unmodifiableMap(params);
    }

    /**
     * One representation per number, the one every format reads back: whole numbers as {@code Long}
     * (an Excel cell holds 15 and 15.0 alike), others as {@code Double}. Without it a profile built
     * with {@code 15} or {@code 15.0} would not equal itself read back from a file.
     */
    private static Object canonical(Object value) {
        if (value instanceof Long || !(value instanceof Number n)) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return n.longValue();
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    public Optional<SensorSpec> sensor(String name) {
        return sensors.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public List<String> sensorNames() {
        return sensors.stream().map(SensorSpec::name).toList();
    }

    public MachineProfile withIdentity(String newMachineId, String newManufacturer, String newModel) {
        return new MachineProfile(
                newMachineId,
                machineType,
                newManufacturer,
                newModel,
                sensors,
                failureModes,
                operationalParameters,
                rul);
    }

    public MachineProfile withOperationalParameters(Map<String, Object> parameters) {
        return new MachineProfile(machineId, machineType, manufacturer, model, sensors, failureModes, parameters, rul);
    }
}
