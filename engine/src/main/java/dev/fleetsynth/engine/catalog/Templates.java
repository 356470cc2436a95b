package dev.fleetsynth.engine.catalog;

import static dev.fleetsynth.engine.catalog.Categories.mode;
import static dev.fleetsynth.engine.catalog.Categories.sensor;
import static dev.fleetsynth.engine.profile.ResponseCurve.CONVEX;
import static dev.fleetsynth.engine.profile.ResponseCurve.LINEAR;

import dev.fleetsynth.engine.profile.DegradationPattern;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.RulSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starting points for new profiles: {@code blank}, one per category, and {@code chiller}, a custom
 * machine type that shows how to describe a machine outside the eleven categories. Every template
 * is a valid profile, so a user can validate and seed it before editing anything.
 */
public final class Templates {
    /** A template's name, with a line that says what it is for. */
    public record Template(String name, String description, MachineProfile profile) {}

    private static final List<Template> ALL = build();

    private Templates() {}

    public static List<Template> all() {
        return ALL;
    }

    public static Optional<Template> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Template::name).toList();
    }

    private static List<Template> build() {
        List<Template> templates = new ArrayList<>();
        templates.add(new Template(
                "blank",
                "a minimal profile with one example sensor; rename and extend it",
                new MachineProfile(
                        "my_machine_001",
                        "custom",
                        "",
                        "",
                        List.of(sensor(
                                "bearing_temp_C", "C", 40, 30, 0.5, LINEAR, "replace with your machine's sensors")),
                        List.of(),
                        Map.of(),
                        new RulSettings(1000, 3, DegradationPattern.LINEAR_SLOW, 10))));
        for (MachineCategory c : Categories.all()) {
            templates.add(new Template(
                    c.name(),
                    c.title() + ": " + c.sensors().size() + " sensors, "
                            + c.failureModes().size() + " failure modes",
                    c.profile("my_" + c.name() + "_001", "", "", Map.of())));
        }
        Map<String, Object> chillerParams = new LinkedHashMap<>();
        chillerParams.put("cooling_capacity_kW", 700);
        chillerParams.put("refrigerant", "R-134a");
        templates.add(new Template(
                "chiller",
                "a custom machine type: water-cooled screw chiller, 7 sensors, 3 failure modes",
                new MachineProfile(
                        "chiller_carrier_30xw_001",
                        "chiller",
                        "Carrier",
                        "AquaForce 30XW",
                        List.of(
                                sensor(
                                        "compressor_discharge_temp_C",
                                        "C",
                                        60,
                                        18,
                                        0.6,
                                        LINEAR,
                                        "compressor discharge temperature"),
                                sensor(
                                        "condenser_pressure_bar",
                                        "bar",
                                        9.5,
                                        2.5,
                                        0.08,
                                        LINEAR,
                                        "condensing pressure; rises with fouled tubes"),
                                sensor(
                                        "evaporator_approach_K",
                                        "K",
                                        2.0,
                                        2.5,
                                        0.1,
                                        LINEAR,
                                        "chilled water leaving minus evaporating temperature"),
                                sensor(
                                        "chilled_water_supply_temp_C",
                                        "C",
                                        7.0,
                                        2.0,
                                        0.1,
                                        LINEAR,
                                        "chilled water supply temperature"),
                                sensor("compressor_current_A", "A", 180, 35, 2.0, LINEAR, "compressor motor current"),
                                sensor(
                                        "compressor_vibration_mm_s",
                                        "mm/s",
                                        2.0,
                                        4.0,
                                        0.12,
                                        CONVEX,
                                        "compressor vibration velocity, RMS"),
                                sensor(
                                        "refrigerant_superheat_K",
                                        "K",
                                        5.0,
                                        6.0,
                                        0.2,
                                        LINEAR,
                                        "suction superheat; rises as charge is lost")),
                        List.of(
                                mode(
                                        "condenser_fouling",
                                        0.4,
                                        "scale in condenser tubes",
                                        "condenser_pressure_bar",
                                        "compressor_discharge_temp_C",
                                        "compressor_current_A"),
                                mode(
                                        "refrigerant_leak",
                                        0.3,
                                        "slow loss of charge",
                                        "refrigerant_superheat_K",
                                        "evaporator_approach_K",
                                        "chilled_water_supply_temp_C"),
                                mode(
                                        "compressor_bearing_wear",
                                        0.3,
                                        "screw compressor bearing wear",
                                        "compressor_vibration_mm_s",
                                        "compressor_current_A")),
                        chillerParams,
                        new RulSettings(1000, 3, DegradationPattern.LINEAR_MEDIUM, 15))));
        return List.copyOf(templates);
    }
}
