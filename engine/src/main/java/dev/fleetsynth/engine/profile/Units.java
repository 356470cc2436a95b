package dev.fleetsynth.engine.profile;

import java.util.List;
import java.util.Optional;

/** Suggests a unit from the suffix convention of sensor names ({@code bearing_de_temp_C} reads in C). */
public final class Units {
    private record Suffix(String suffix, String unit) {}

    // Longest suffixes first: "_mm_s" must win over "_s", "_l_min" over "_min".
    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix("_l_min", "L/min"),
            new Suffix("_mm_s", "mm/s"),
            new Suffix("_m3h", "m3/h"),
            new Suffix("_m_s", "m/s"),
            new Suffix("_psia", "psia"),
            new Suffix("_psi", "psi"),
            new Suffix("_kPa", "kPa"),
            new Suffix("_MPa", "MPa"),
            new Suffix("_Pa", "Pa"),
            new Suffix("_bar", "bar"),
            new Suffix("_rpm", "rpm"),
            new Suffix("_kW", "kW"),
            new Suffix("_kVA", "kVA"),
            new Suffix("_kV", "kV"),
            new Suffix("_Hz", "Hz"),
            new Suffix("_ppm", "ppm"),
            new Suffix("_pC", "pC"),
            new Suffix("_pct", "%"),
            new Suffix("_percent", "%"),
            new Suffix("_kN", "kN"),
            new Suffix("_nm", "N*m"),
            new Suffix("_Nm", "N*m"),
            new Suffix("_mm", "mm"),
            new Suffix("_um", "um"),
            new Suffix("_dB", "dB"),
            new Suffix("_ratio", "1"),
            new Suffix("_C", "C"),
            new Suffix("_K", "K"),
            new Suffix("_F", "F"),
            new Suffix("_A", "A"),
            new Suffix("_V", "V"),
            new Suffix("_W", "W"),
            new Suffix("_g", "g"),
            new Suffix("_h", "h"));

    private Units() {}

    public static Optional<String> fromName(String sensorName) {
        if (sensorName == null) {
            return Optional.empty();
        }
        return SUFFIXES.stream()
                .filter(s -> sensorName.endsWith(s.suffix()))
                .map(Suffix::unit)
                .findFirst();
    }
}
