package dev.fleetsynth.engine.catalog;

import dev.fleetsynth.engine.profile.FailureMode;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.RulSettings;
import dev.fleetsynth.engine.profile.SensorSpec;
import java.util.List;
import java.util.Map;

/** A kind of machine: its typical sensors, failure modes and run-to-failure settings. */
public record MachineCategory(
        String name, String title, RulSettings rul, List<SensorSpec> sensors, List<FailureMode> failureModes) {

    public MachineCategory {
        sensors = List.copyOf(sensors);
        failureModes = List.copyOf(failureModes);
    }

    /** A profile of this category for one machine. */
    public MachineProfile profile(String machineId, String manufacturer, String model, Map<String, Object> parameters) {
        return new MachineProfile(machineId, name, manufacturer, model, sensors, failureModes, parameters, rul);
    }
}
