package dev.fleetsynth.engine.catalog;

import dev.fleetsynth.engine.profile.MachineProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet Fleetsynth ships with: 32 machines in 11 categories (motor 7, pump 3, compressor 3,
 * cnc 8, fan 2, conveyor 2, robot 2, hydraulic 2, transformer 1, cooling_tower 1, turbofan 1),
 * named {@code category_manufacturer_model_nnn} as in the seed documents.
 */
public final class Catalog {
    /** One catalog entry: a machine and the category it belongs to. */
    public record Entry(String machineId, String category, MachineProfile profile) {}

    private static final List<Entry> FLEET = List.of(
            machine(
                    "motor",
                    "motor_siemens_1la7_001",
                    "Siemens",
                    "1LA7",
                    "rated_power_kW",
                    15,
                    "rated_speed_rpm",
                    1460),
            machine(
                    "motor",
                    "motor_siemens_1la7_002",
                    "Siemens",
                    "1LA7",
                    "rated_power_kW",
                    22,
                    "rated_speed_rpm",
                    1470),
            machine("motor", "motor_abb_m3bp_001", "ABB", "M3BP", "rated_power_kW", 30, "rated_speed_rpm", 1480),
            machine("motor", "motor_weg_w22_001", "WEG", "W22", "rated_power_kW", 11, "rated_speed_rpm", 1465),
            machine(
                    "motor",
                    "motor_baldor_em3615t_001",
                    "Baldor-Reliance",
                    "EM3615T",
                    "rated_power_kW",
                    7.5,
                    "rated_speed_rpm",
                    1770),
            machine(
                    "motor",
                    "motor_toshiba_eqp3_001",
                    "Toshiba",
                    "EQP Global",
                    "rated_power_kW",
                    18.5,
                    "rated_speed_rpm",
                    1475),
            machine(
                    "motor",
                    "motor_leroysomer_lses_001",
                    "Leroy-Somer",
                    "LSES",
                    "rated_power_kW",
                    37,
                    "rated_speed_rpm",
                    1485),
            machine("pump", "pump_grundfos_cr10_001", "Grundfos", "CR 10", "rated_flow_m3h", 10, "rated_head_m", 80),
            machine("pump", "pump_ksb_etanorm_001", "KSB", "Etanorm", "rated_flow_m3h", 120, "rated_head_m", 50),
            machine("pump", "pump_flowserve_hpx_001", "Flowserve", "HPX", "rated_flow_m3h", 300, "rated_head_m", 120),
            machine(
                    "compressor",
                    "compressor_atlas_copco_ga30_001",
                    "Atlas Copco",
                    "GA 30",
                    "rated_power_kW",
                    30,
                    "working_pressure_bar",
                    7.5),
            machine(
                    "compressor",
                    "compressor_ingersoll_rand_r55_001",
                    "Ingersoll Rand",
                    "R55i",
                    "rated_power_kW",
                    55,
                    "working_pressure_bar",
                    7.5),
            machine(
                    "compressor",
                    "compressor_kaeser_bsd72_001",
                    "Kaeser",
                    "BSD 72",
                    "rated_power_kW",
                    37,
                    "working_pressure_bar",
                    8.5),
            machine("cnc", "cnc_haas_vf2_001", "Haas", "VF-2", "max_spindle_speed_rpm", 8100, "spindle_power_kW", 22.4),
            machine("cnc", "cnc_haas_vf2_002", "Haas", "VF-2", "max_spindle_speed_rpm", 8100, "spindle_power_kW", 22.4),
            machine(
                    "cnc",
                    "cnc_dmg_mori_nlx2500_001",
                    "DMG Mori",
                    "NLX 2500",
                    "max_spindle_speed_rpm",
                    4000,
                    "spindle_power_kW",
                    18.5),
            machine(
                    "cnc",
                    "cnc_mazak_vcn530c_001",
                    "Mazak",
                    "VCN-530C",
                    "max_spindle_speed_rpm",
                    12000,
                    "spindle_power_kW",
                    18.5),
            machine(
                    "cnc",
                    "cnc_okuma_lb3000_001",
                    "Okuma",
                    "LB3000 EX II",
                    "max_spindle_speed_rpm",
                    5000,
                    "spindle_power_kW",
                    15),
            machine(
                    "cnc",
                    "cnc_fanuc_robodrill_001",
                    "FANUC",
                    "Robodrill a-D21MiB5",
                    "max_spindle_speed_rpm",
                    10000,
                    "spindle_power_kW",
                    11),
            machine(
                    "cnc",
                    "cnc_doosan_dnm5700_001",
                    "Doosan",
                    "DNM 5700",
                    "max_spindle_speed_rpm",
                    12000,
                    "spindle_power_kW",
                    18.5),
            machine(
                    "cnc",
                    "cnc_hermle_c42_001",
                    "Hermle",
                    "C 42",
                    "max_spindle_speed_rpm",
                    18000,
                    "spindle_power_kW",
                    35),
            machine(
                    "fan",
                    "fan_ebmpapst_r3g_001",
                    "ebm-papst",
                    "RadiCal R3G",
                    "rated_airflow_m3h",
                    18000,
                    "rated_power_kW",
                    5.5),
            machine(
                    "fan",
                    "fan_greenheck_sfb_001",
                    "Greenheck",
                    "SFB",
                    "rated_airflow_m3h",
                    20000,
                    "rated_power_kW",
                    7.5),
            machine(
                    "conveyor",
                    "conveyor_dorner_3200_001",
                    "Dorner",
                    "3200 Series",
                    "belt_length_m",
                    60,
                    "rated_power_kW",
                    7.5),
            machine(
                    "conveyor",
                    "conveyor_interroll_ecodrive_001",
                    "Interroll",
                    "EC5000",
                    "belt_length_m",
                    120,
                    "rated_power_kW",
                    11),
            machine("robot", "robot_fanuc_m20ia_001", "FANUC", "M-20iA", "payload_kg", 20, "reach_mm", 1811),
            machine("robot", "robot_kuka_kr210_001", "KUKA", "KR 210 R2700", "payload_kg", 210, "reach_mm", 2700),
            machine(
                    "hydraulic",
                    "hydraulic_rexroth_a10vso_001",
                    "Bosch Rexroth",
                    "A10VSO",
                    "displacement_cm3",
                    71,
                    "max_pressure_bar",
                    280),
            machine(
                    "hydraulic",
                    "hydraulic_parker_pv140_001",
                    "Parker",
                    "PV140",
                    "displacement_cm3",
                    140,
                    "max_pressure_bar",
                    350),
            machine(
                    "transformer",
                    "transformer_siemens_tunorma_001",
                    "Siemens",
                    "TUNORMA",
                    "rated_power_kVA",
                    1000,
                    "primary_voltage_kV",
                    20),
            machine(
                    "cooling_tower",
                    "cooling_tower_bac_s3000_001",
                    "Baltimore Aircoil",
                    "Series 3000",
                    "design_flow_m3h",
                    450,
                    "fan_power_kW",
                    30),
            machine(
                    "turbofan",
                    "turbofan_cfm_cfm56_7b_001",
                    "CFM International",
                    "CFM56-7B",
                    "rated_thrust_kN",
                    121,
                    "bypass_ratio_design",
                    5.1));

    private Catalog() {}

    public static List<Entry> machines() {
        return FLEET;
    }

    public static Optional<MachineProfile> profile(String machineId) {
        return FLEET.stream()
                .filter(e -> e.machineId().equals(machineId))
                .map(Entry::profile)
                .findFirst();
    }

    private static Entry machine(
            String category,
            String id,
            String manufacturer,
            String model,
            String param1,
            Object value1,
            String param2,
            Object value2) {
        MachineCategory c = Categories.byName(category).orElseThrow();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(param1, value1);
        params.put(param2, value2);
        return new Entry(id, category, c.profile(id, manufacturer, model, params));
    }
}
