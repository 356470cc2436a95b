package dev.fleetsynth.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.quality.Thresholds;
import dev.fleetsynth.gateway.upstream.GeneratorClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.Upstream;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import java.util.List;

/** A machine's quality verdict: its latest dataset's report, its verdict (score and checks) and the thresholds. */
public record Validation(Upstream upstream, GeneratorClient generator, ObjectMapper json) {
    public ObjectNode of(String machineId) {
        JsonNode datasets = upstream.readJson(Service.GENERATOR, () -> generator.datasets(machineId))
                .orElseGet(json::createArrayNode);
        if (!datasets.isArray() || datasets.isEmpty()) {
            throw new ApiException(
                    409,
                    new ApiError(
                            "DATASET_MISSING",
                            "machine '" + machineId + "' has no synthetic dataset to validate",
                            List.of(new ApiError.Detail(
                                    "dataset_id",
                                    "no dataset yet",
                                    "generate one first: POST /api/gan/machines/" + machineId + "/generate"))));
        }
        String datasetId = datasets.get(0).get("dataset_id").asText();
        JsonNode quality = upstream.readJson(
                        Service.GENERATOR,
                        () -> generator.view(datasetId, "quality", machineId, null, null, null, null, null))
                .orElseThrow(() -> ApiException.notFound("quality report of dataset '" + datasetId + "'"));
        double overall = quality.path("overall").asDouble(Double.NaN);
        Thresholds t = Thresholds.DEFAULT;
        ObjectNode out = json.createObjectNode();
        out.put("machine_id", machineId);
        out.put("dataset_id", datasetId);
        out.put("overall", overall);
        // the report's verdict fails a dataset whose checks fail whatever its score; an older report has the score only
        out.put("grade", quality.path("grade").asText(t.grade(overall).label()));
        out.put("passed", quality.path("passed").asBoolean(t.passes(overall)));
        ObjectNode thresholds = out.putObject("thresholds");
        thresholds.put("minimum", t.minimum());
        thresholds.put("good", t.good());
        thresholds.put("excellent", t.excellent());
        out.set("quality", quality);
        return out;
    }
}
