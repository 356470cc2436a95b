package dev.fleetsynth.seed.upload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.fleetsynth.engine.ingest.ColumnMapping;
import dev.fleetsynth.engine.ingest.IngestOptions;
import dev.fleetsynth.engine.profile.MachineProfile;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * How to bring an upload in, as the API takes it and as seed.requested carries it (its
 * {@code ingest_request}): the CLI's ingest options, snake case, and an optional column mapping
 * (as the preview suggested it, edited or not). Unknown fields are refused.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record IngestRequest(
        String uploadId,
        List<String> columns,
        String sheet,
        String unit,
        String order,
        String rul,
        Boolean rulFromEnd,
        Double rulCap,
        String failure,
        Double holdoutUnits,
        String missing,
        Long seed,
        String profilePath,
        JsonNode mapping) {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static IngestRequest fromJson(String json) throws IOException {
        return JSON.readValue(json, IngestRequest.class);
    }

    /** The engine's options; a profile (to map onto) read by the caller. */
    public IngestOptions options(MachineProfile profile, String machineId, long maxBytes) throws IOException {
        IngestOptions.Missing policy = missing == null
                ? IngestOptions.Missing.FILL
                : switch (missing.toLowerCase(Locale.ROOT)) {
                    case "fill" -> IngestOptions.Missing.FILL;
                    case "drop" -> IngestOptions.Missing.DROP;
                    default ->
                        throw new IllegalArgumentException("missing must be fill or drop, got '" + missing + "'");
                };
        ColumnMapping saved = mapping == null || mapping.isNull() ? null : ColumnMapping.fromJson(mapping.toString());
        return IngestOptions.defaults()
                .withColumns(columns)
                .withSheet(sheet)
                .withRoles(unit, order, rul, Boolean.TRUE.equals(rulFromEnd), failure)
                .withRulCap(rulCap)
                .withProfile(profile)
                .withMapping(saved)
                .withHoldout(
                        holdoutUnits == null ? IngestOptions.DEFAULT_HOLDOUT : holdoutUnits, seed == null ? 42 : seed)
                .withMissing(policy)
                .withMachineId(machineId)
                .withMaxBytes(maxBytes);
    }
}
