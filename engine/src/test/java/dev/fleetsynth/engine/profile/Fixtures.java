package dev.fleetsynth.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small, valid profiles and copy-with helpers for the profile tests. */
final class Fixtures {
    private Fixtures() {}

    /**
     * A valid two-sensor motor. The failure mode names only the second sensor, so a test may break
     * the first sensor's name without a second, unrelated problem in the failure modes.
     */
    static MachineProfile motor() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rated_power_kW", 15.5);
        params.put("insulation_class", "F");
        return new MachineProfile(
                "motor_test_001",
                "motor",
                "Siemens",
                "1LA7",
                List.of(
                        new SensorSpec(
                                "bearing_temp_C",
                                "C",
                                SensorSpec.NUMERIC,
                                40,
                                30,
                                0.5,
                                ResponseCurve.LINEAR,
                                "drive-end bearing"),
                        new SensorSpec(
                                "vibration_mm_s", "mm/s", SensorSpec.NUMERIC, 2.5, 5, 0.15, ResponseCurve.CONVEX, "")),
                List.of(new FailureMode("bearing_wear", List.of("vibration_mm_s"), 1.0, "rolling-element fatigue")),
                params,
                new RulSettings(1000, 3, DegradationPattern.LINEAR_SLOW, 10));
    }

    static MachineProfile withIdentity(MachineProfile p, String machineId, String machineType) {
        return new MachineProfile(
                machineId,
                machineType,
                p.manufacturer(),
                p.model(),
                p.sensors(),
                p.failureModes(),
                p.operationalParameters(),
                p.rul());
    }

    static MachineProfile withText(MachineProfile p, String manufacturer, String model) {
        return new MachineProfile(
                p.machineId(),
                p.machineType(),
                manufacturer,
                model,
                p.sensors(),
                p.failureModes(),
                p.operationalParameters(),
                p.rul());
    }

    static MachineProfile withSensors(MachineProfile p, List<SensorSpec> sensors) {
        return new MachineProfile(
                p.machineId(),
                p.machineType(),
                p.manufacturer(),
                p.model(),
                sensors,
                p.failureModes(),
                p.operationalParameters(),
                p.rul());
    }

    /** Replaces sensor {@code index} by what {@code change} makes of it. */
    static MachineProfile withSensor(MachineProfile p, int index, UnaryOperator<SensorSpec> change) {
        List<SensorSpec> sensors = new ArrayList<>(p.sensors());
        sensors.set(index, change.apply(sensors.get(index)));
        return withSensors(p, sensors);
    }

    static MachineProfile withModes(MachineProfile p, List<FailureMode> modes) {
        return new MachineProfile(
                p.machineId(),
                p.machineType(),
                p.manufacturer(),
                p.model(),
                p.sensors(),
                modes,
                p.operationalParameters(),
                p.rul());
    }

    static MachineProfile withRul(MachineProfile p, RulSettings rul) {
        return new MachineProfile(
                p.machineId(),
                p.machineType(),
                p.manufacturer(),
                p.model(),
                p.sensors(),
                p.failureModes(),
                p.operationalParameters(),
                rul);
    }

    static SensorSpec named(SensorSpec s, String name) {
        return new SensorSpec(name, s.unit(), s.type(), s.base(), s.range(), s.noise(), s.response(), s.description());
    }

    static SensorSpec unit(SensorSpec s, String unit) {
        return new SensorSpec(s.name(), unit, s.type(), s.base(), s.range(), s.noise(), s.response(), s.description());
    }

    static SensorSpec type(SensorSpec s, String type) {
        return new SensorSpec(s.name(), s.unit(), type, s.base(), s.range(), s.noise(), s.response(), s.description());
    }

    static SensorSpec numbers(SensorSpec s, double base, double range, double noise) {
        return new SensorSpec(s.name(), s.unit(), s.type(), base, range, noise, s.response(), s.description());
    }

    static SensorSpec response(SensorSpec s, ResponseCurve response) {
        return new SensorSpec(s.name(), s.unit(), s.type(), s.base(), s.range(), s.noise(), response, s.description());
    }

    static SensorSpec description(SensorSpec s, String description) {
        return new SensorSpec(s.name(), s.unit(), s.type(), s.base(), s.range(), s.noise(), s.response(), description);
    }

    /** {@code count} valid sensors named s_00, s_01, ... */
    static List<SensorSpec> sensors(int count) {
        List<SensorSpec> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new SensorSpec(String.format("s_%02d_temp_C", i), "C", 40 + i, 10, 0.5, ResponseCurve.LINEAR));
        }
        return list;
    }

    /** Every problem carries a path, a message and a concrete suggestion. */
    static void assertWellFormed(List<Problem> problems) {
        assertThat(problems).isNotEmpty();
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.path()).as("path of %s", p).isNotBlank();
            assertThat(p.message()).as("message of %s", p).isNotBlank();
            assertThat(p.suggestion()).as("suggestion of %s", p).isNotBlank();
        });
    }

    /** The one problem of {@code problems}, which must be at {@code path}; message and suggestion non-empty. */
    static Problem onlyProblem(List<Problem> problems, String path) {
        assertThat(problems)
                .extracting(Problem::path)
                .as("problems %s", problems)
                .containsExactly(path);
        assertWellFormed(problems);
        return problems.get(0);
    }

    static Problem problemAt(List<Problem> problems, String path) {
        assertWellFormed(problems);
        return problems.stream()
                .filter(p -> p.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + path + " in " + problems));
    }
}
