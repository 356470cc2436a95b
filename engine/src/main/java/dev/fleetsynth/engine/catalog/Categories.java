package dev.fleetsynth.engine.catalog;

import static dev.fleetsynth.engine.profile.DegradationPattern.EXPONENTIAL;
import static dev.fleetsynth.engine.profile.DegradationPattern.LINEAR_FAST;
import static dev.fleetsynth.engine.profile.DegradationPattern.LINEAR_MEDIUM;
import static dev.fleetsynth.engine.profile.DegradationPattern.LINEAR_SLOW;
import static dev.fleetsynth.engine.profile.ResponseCurve.CONCAVE;
import static dev.fleetsynth.engine.profile.ResponseCurve.CONVEX;
import static dev.fleetsynth.engine.profile.ResponseCurve.LINEAR;
import static dev.fleetsynth.engine.profile.ResponseCurve.SIGMOID;

import dev.fleetsynth.engine.profile.DegradationPattern;
import dev.fleetsynth.engine.profile.FailureMode;
import dev.fleetsynth.engine.profile.ResponseCurve;
import dev.fleetsynth.engine.profile.RulSettings;
import dev.fleetsynth.engine.profile.SensorSpec;
import java.util.List;
import java.util.Optional;

/**
 * The eleven machine categories. Lifetimes, cycles, patterns and lifetime spread are the RUL table
 * of the seed documents; so are the motor and CNC sensors. The other categories' sensors are chosen
 * as a reliability engineer instruments such a machine: the quantities its dominant failure modes
 * move (ISO 10816 velocity for rotating parts, oil and winding temperatures, pressures and flows for
 * fluid machines, dissolved gas for transformers), healthy values typical of a mid-size industrial
 * unit, and a range that takes each to its alarm level at failure.
 */
public final class Categories {
    private static final List<MachineCategory> ALL = List.of(
            category(
                    "motor",
                    "Electric motor",
                    1000,
                    3,
                    LINEAR_SLOW,
                    10,
                    List.of(
                            sensor("bearing_de_temp_C", "C", 40, 35, 0.5, LINEAR, "drive-end bearing temperature"),
                            sensor("winding_temp_C", "C", 50, 40, 0.8, CONCAVE, "stator winding temperature"),
                            sensor("vibration_mm_s", "mm/s", 2.5, 5.0, 0.15, CONVEX, "housing vibration velocity, RMS"),
                            sensor("current_A", "A", 8.0, 6.0, 0.3, LINEAR, "phase current")),
                    List.of(
                            mode(
                                    "bearing_wear",
                                    0.6,
                                    "lubrication loss and rolling-element fatigue",
                                    "bearing_de_temp_C",
                                    "vibration_mm_s"),
                            mode(
                                    "insulation_degradation",
                                    0.4,
                                    "thermal ageing of the stator insulation",
                                    "winding_temp_C",
                                    "current_A"))),
            category(
                    "pump",
                    "Centrifugal pump",
                    800,
                    4,
                    LINEAR_MEDIUM,
                    12,
                    List.of(
                            sensor("bearing_temp_C", "C", 45, 25, 0.6, LINEAR, "bearing housing temperature"),
                            sensor(
                                    "vibration_mm_s",
                                    "mm/s",
                                    2.0,
                                    4.5,
                                    0.15,
                                    CONVEX,
                                    "bearing housing vibration velocity, RMS"),
                            sensor(
                                    "discharge_pressure_bar",
                                    "bar",
                                    6.0,
                                    -1.8,
                                    0.08,
                                    LINEAR,
                                    "discharge pressure; falls as the impeller wears"),
                            sensor("flow_rate_m3h", "m3/h", 120, -30, 1.5, LINEAR, "delivered flow"),
                            sensor("motor_current_A", "A", 22, 6, 0.4, CONCAVE, "driver motor current")),
                    List.of(
                            mode(
                                    "impeller_wear",
                                    0.45,
                                    "erosion and cavitation damage of the impeller",
                                    "discharge_pressure_bar",
                                    "flow_rate_m3h"),
                            mode("bearing_wear", 0.35, "bearing fatigue", "bearing_temp_C", "vibration_mm_s"),
                            mode("seal_leak", 0.2, "mechanical seal wear", "flow_rate_m3h", "motor_current_A"))),
            category(
                    "compressor",
                    "Screw air compressor",
                    600,
                    5,
                    LINEAR_FAST,
                    8,
                    List.of(
                            sensor("discharge_temp_C", "C", 85, 25, 0.8, LINEAR, "air-end discharge temperature"),
                            sensor("discharge_pressure_bar", "bar", 7.5, -1.2, 0.05, LINEAR, "delivery pressure"),
                            sensor("vibration_mm_s", "mm/s", 3.0, 6.0, 0.2, CONVEX, "air-end vibration velocity, RMS"),
                            sensor("motor_current_A", "A", 45, 12, 0.6, LINEAR, "main motor current"),
                            sensor("oil_temp_C", "C", 60, 20, 0.5, CONCAVE, "lubricant temperature")),
                    List.of(
                            mode(
                                    "valve_wear",
                                    0.5,
                                    "inlet valve and rotor clearance wear",
                                    "discharge_temp_C",
                                    "discharge_pressure_bar",
                                    "motor_current_A"),
                            mode("bearing_wear", 0.5, "rotor bearing wear", "vibration_mm_s", "oil_temp_C"))),
            category(
                    "cnc",
                    "CNC machining centre",
                    500,
                    7,
                    EXPONENTIAL,
                    15,
                    List.of(
                            sensor("spindle_bearing_temp_C", "C", 42.5, 12, 0.8, LINEAR, "spindle bearing temperature"),
                            sensor("motor_temp_C", "C", 48, 18, 1.0, LINEAR, "spindle motor temperature"),
                            sensor("ambient_temp_K", "K", 299.2, 2.5, 0.3, LINEAR, "air temperature"),
                            sensor("process_temp_K", "K", 309.1, 2.5, 0.4, LINEAR, "process temperature"),
                            sensor("temp_difference_K", "K", 9.9, 4.0, 0.5, LINEAR, "process minus air temperature"),
                            sensor("spindle_speed_rpm", "rpm", 10000, 8000, 200, LINEAR, "spindle speed"),
                            sensor(
                                    "spindle_vibration_mm_s",
                                    "mm/s",
                                    0.5,
                                    1.2,
                                    0.08,
                                    CONVEX,
                                    "spindle vibration velocity, RMS"),
                            sensor("spindle_torque_nm", "N*m", 8, 6, 0.5, CONVEX, "spindle torque"),
                            sensor("power_consumption_kW", "kW", 5, 4, 0.3, LINEAR, "spindle power")),
                    List.of(
                            mode(
                                    "tool_wear",
                                    0.5,
                                    "cutting tool flank wear",
                                    "spindle_torque_nm",
                                    "power_consumption_kW",
                                    "temp_difference_K"),
                            mode(
                                    "spindle_bearing_failure",
                                    0.3,
                                    "spindle bearing damage",
                                    "spindle_bearing_temp_C",
                                    "spindle_vibration_mm_s"),
                            mode(
                                    "heat_dissipation_failure",
                                    0.2,
                                    "coolant and heat dissipation loss",
                                    "process_temp_K",
                                    "motor_temp_C"))),
            category(
                    "fan",
                    "Industrial fan",
                    1200,
                    3,
                    LINEAR_SLOW,
                    20,
                    List.of(
                            sensor("bearing_temp_C", "C", 38, 22, 0.5, LINEAR, "bearing temperature"),
                            sensor("vibration_mm_s", "mm/s", 1.8, 4.0, 0.12, CONVEX, "bearing vibration velocity, RMS"),
                            sensor("motor_current_A", "A", 12, 3, 0.25, LINEAR, "motor current"),
                            sensor("airflow_m3h", "m3/h", 18000, -2500, 150, LINEAR, "volume flow"),
                            sensor("static_pressure_Pa", "Pa", 750, -120, 8, LINEAR, "static pressure rise")),
                    List.of(
                            mode("imbalance", 0.35, "blade deposits and erosion unbalance the rotor", "vibration_mm_s"),
                            mode("bearing_wear", 0.4, "bearing fatigue", "bearing_temp_C", "vibration_mm_s"),
                            mode(
                                    "blade_fouling",
                                    0.25,
                                    "fouling reduces aerodynamic performance",
                                    "airflow_m3h",
                                    "static_pressure_Pa",
                                    "motor_current_A"))),
            category(
                    "conveyor",
                    "Belt conveyor",
                    900,
                    4,
                    LINEAR_MEDIUM,
                    15,
                    List.of(
                            sensor("drive_motor_temp_C", "C", 45, 25, 0.6, LINEAR, "drive motor temperature"),
                            sensor("gearbox_oil_temp_C", "C", 55, 20, 0.5, CONCAVE, "gearbox oil sump temperature"),
                            sensor(
                                    "gearbox_vibration_mm_s",
                                    "mm/s",
                                    2.2,
                                    4.0,
                                    0.15,
                                    CONVEX,
                                    "gearbox vibration velocity, RMS"),
                            sensor("belt_speed_m_s", "m/s", 2.0, -0.25, 0.02, LINEAR, "belt speed; falls with slip"),
                            sensor("motor_current_A", "A", 18, 7, 0.4, LINEAR, "drive motor current"),
                            sensor(
                                    "belt_tension_kN",
                                    "kN",
                                    12,
                                    -3,
                                    0.2,
                                    LINEAR,
                                    "belt tension; falls as the belt stretches")),
                    List.of(
                            mode(
                                    "belt_wear",
                                    0.5,
                                    "belt stretch, slip and splice wear",
                                    "belt_speed_m_s",
                                    "belt_tension_kN"),
                            mode(
                                    "gearbox_wear",
                                    0.5,
                                    "gear and bearing wear in the drive",
                                    "gearbox_oil_temp_C",
                                    "gearbox_vibration_mm_s",
                                    "motor_current_A"))),
            category(
                    "robot",
                    "Industrial robot",
                    1100,
                    3,
                    LINEAR_SLOW,
                    18,
                    List.of(
                            sensor("joint2_motor_temp_C", "C", 42, 20, 0.5, LINEAR, "axis 2 servo motor temperature"),
                            sensor("joint2_torque_nm", "N*m", 85, 30, 1.5, LINEAR, "axis 2 motor torque"),
                            sensor(
                                    "gearbox_vibration_mm_s",
                                    "mm/s",
                                    0.8,
                                    2.5,
                                    0.06,
                                    CONVEX,
                                    "axis 2 reducer vibration velocity, RMS"),
                            sensor(
                                    "position_error_mm",
                                    "mm",
                                    0.02,
                                    0.12,
                                    0.004,
                                    CONVEX,
                                    "tool centre point path error"),
                            sensor("servo_current_A", "A", 6, 3, 0.15, LINEAR, "axis 2 servo current")),
                    List.of(
                            mode(
                                    "reducer_wear",
                                    0.6,
                                    "backlash and wear of the cycloidal reducer",
                                    "gearbox_vibration_mm_s",
                                    "position_error_mm"),
                            mode(
                                    "servo_degradation",
                                    0.4,
                                    "servo motor and brake degradation",
                                    "joint2_motor_temp_C",
                                    "joint2_torque_nm",
                                    "servo_current_A"))),
            category(
                    "hydraulic",
                    "Hydraulic power unit",
                    850,
                    4,
                    LINEAR_MEDIUM,
                    14,
                    List.of(
                            sensor("system_pressure_bar", "bar", 160, -25, 1.2, LINEAR, "system pressure"),
                            sensor("oil_temp_C", "C", 48, 22, 0.5, LINEAR, "reservoir oil temperature"),
                            sensor("pump_flow_l_min", "L/min", 95, -20, 0.8, LINEAR, "pump delivery"),
                            sensor(
                                    "case_drain_flow_l_min",
                                    "L/min",
                                    1.2,
                                    3.0,
                                    0.08,
                                    CONVEX,
                                    "pump case drain flow; rises with internal leakage"),
                            sensor("vibration_mm_s", "mm/s", 1.5, 3.5, 0.1, CONVEX, "pump vibration velocity, RMS")),
                    List.of(
                            mode(
                                    "pump_internal_leakage",
                                    0.6,
                                    "piston and valve plate wear",
                                    "pump_flow_l_min",
                                    "case_drain_flow_l_min",
                                    "system_pressure_bar"),
                            mode(
                                    "oil_degradation",
                                    0.4,
                                    "oxidation and contamination of the fluid",
                                    "oil_temp_C",
                                    "vibration_mm_s"))),
            category(
                    "transformer",
                    "Oil-immersed power transformer",
                    1500,
                    2,
                    LINEAR_SLOW,
                    25,
                    List.of(
                            sensor("top_oil_temp_C", "C", 55, 30, 0.6, LINEAR, "top oil temperature"),
                            sensor("winding_hotspot_temp_C", "C", 75, 40, 0.9, LINEAR, "winding hot-spot temperature"),
                            sensor("dissolved_h2_ppm", "ppm", 40, 400, 6, SIGMOID, "dissolved hydrogen in oil"),
                            sensor("moisture_in_oil_ppm", "ppm", 10, 25, 0.5, CONCAVE, "water content of the oil"),
                            sensor(
                                    "partial_discharge_pC",
                                    "pC",
                                    50,
                                    450,
                                    10,
                                    SIGMOID,
                                    "apparent partial discharge charge")),
                    List.of(
                            mode(
                                    "insulation_ageing",
                                    0.6,
                                    "paper insulation ageing with heat and moisture",
                                    "winding_hotspot_temp_C",
                                    "moisture_in_oil_ppm",
                                    "top_oil_temp_C"),
                            mode(
                                    "partial_discharge",
                                    0.4,
                                    "discharges in voids of the insulation",
                                    "partial_discharge_pC",
                                    "dissolved_h2_ppm"))),
            category(
                    "cooling_tower",
                    "Cooling tower",
                    1100,
                    3,
                    LINEAR_MEDIUM,
                    20,
                    List.of(
                            sensor(
                                    "fan_vibration_mm_s",
                                    "mm/s",
                                    2.0,
                                    4.5,
                                    0.15,
                                    CONVEX,
                                    "fan gearbox vibration velocity, RMS"),
                            sensor("gearbox_oil_temp_C", "C", 50, 20, 0.5, LINEAR, "fan gearbox oil temperature"),
                            sensor("cold_water_temp_C", "C", 28, 6, 0.3, LINEAR, "basin (cold) water temperature"),
                            sensor(
                                    "approach_temp_K",
                                    "K",
                                    4.5,
                                    3.0,
                                    0.15,
                                    LINEAR,
                                    "cold water minus wet-bulb temperature"),
                            sensor("fan_motor_current_A", "A", 35, 8, 0.5, LINEAR, "fan motor current"),
                            sensor("water_flow_m3h", "m3/h", 450, -60, 4, LINEAR, "circulating water flow")),
                    List.of(
                            mode(
                                    "fill_fouling",
                                    0.5,
                                    "scale and biofouling of the fill",
                                    "cold_water_temp_C",
                                    "approach_temp_K",
                                    "water_flow_m3h"),
                            mode(
                                    "gearbox_wear",
                                    0.5,
                                    "fan gearbox wear",
                                    "fan_vibration_mm_s",
                                    "gearbox_oil_temp_C",
                                    "fan_motor_current_A"))),
            category(
                    "turbofan",
                    "Turbofan engine",
                    700,
                    5,
                    EXPONENTIAL,
                    12,
                    List.of(
                            sensor("lpc_outlet_temp_K", "K", 642, 3.5, 0.4, LINEAR, "total temperature at LPC outlet"),
                            sensor("hpc_outlet_temp_K", "K", 1589, 18, 4, LINEAR, "total temperature at HPC outlet"),
                            sensor("lpt_outlet_temp_K", "K", 1400, 25, 5, LINEAR, "total temperature at LPT outlet"),
                            sensor(
                                    "hpc_outlet_pressure_psia",
                                    "psia",
                                    554,
                                    -5,
                                    0.6,
                                    LINEAR,
                                    "static pressure at HPC outlet"),
                            sensor("core_speed_rpm", "rpm", 9050, 40, 6, LINEAR, "physical core speed"),
                            sensor(
                                    "fuel_flow_ratio",
                                    "pps/psi",
                                    521,
                                    -4,
                                    0.5,
                                    LINEAR,
                                    "fuel flow to HPC outlet pressure ratio"),
                            sensor("bypass_ratio", "1", 8.4, 0.12, 0.02, LINEAR, "bypass ratio")),
                    List.of(
                            mode(
                                    "hpc_degradation",
                                    0.6,
                                    "high-pressure compressor fouling and erosion",
                                    "hpc_outlet_temp_K",
                                    "hpc_outlet_pressure_psia",
                                    "core_speed_rpm",
                                    "fuel_flow_ratio"),
                            mode(
                                    "fan_degradation",
                                    0.4,
                                    "fan blade erosion",
                                    "lpc_outlet_temp_K",
                                    "bypass_ratio",
                                    "lpt_outlet_temp_K"))));

    private Categories() {}

    public static List<MachineCategory> all() {
        return ALL;
    }

    public static Optional<MachineCategory> byName(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(MachineCategory::name).toList();
    }

    static MachineCategory category(
            String name,
            String title,
            double maxRul,
            int cycles,
            DegradationPattern pattern,
            double rulNoise,
            List<SensorSpec> sensors,
            List<FailureMode> modes) {
        return new MachineCategory(name, title, new RulSettings(maxRul, cycles, pattern, rulNoise), sensors, modes);
    }

    static SensorSpec sensor(
            String name,
            String unit,
            double base,
            double range,
            double noise,
            ResponseCurve response,
            String description) {
        return new SensorSpec(name, unit, SensorSpec.NUMERIC, base, range, noise, response, description);
    }

    static FailureMode mode(String name, double weight, String description, String... sensors) {
        return new FailureMode(name, List.of(sensors), weight, description);
    }
}
