package dev.fleetsynth.profile.machine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A machine as the API shows it; {@code profile} only where one machine is asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"machine_id", "machine_type", "sensor_count", "version"})
public record MachineView(
        String machineId,
        String machineType,
        String manufacturer,
        String model,
        int sensorCount,
        int version,
        String pipeline,
        String source,
        Instant createdAt,
        Instant updatedAt,
        @Schema(ref = "Profile") JsonNode profile) {

    static MachineView of(Machine m, JsonNode profile) {
        return new MachineView(
                m.machineId,
                m.machineType,
                m.manufacturer,
                m.model,
                m.sensorCount,
                m.currentVersion,
                m.pipeline,
                m.source,
                m.createdAt,
                m.updatedAt,
                profile);
    }
}
