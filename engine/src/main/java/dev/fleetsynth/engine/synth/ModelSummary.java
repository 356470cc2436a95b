package dev.fleetsynth.engine.synth;

import java.util.List;
import java.util.Map;

/**
 * What every model says about itself, whatever its kind.
 *
 * @param format    its format in {@code model.json}
 * @param machineId the machine it models
 * @param origin    where its training rows came from (simulated, real, merged)
 * @param epochs    training epochs run (0 for a model fitted in closed form)
 * @param lossCurve the loss per epoch, empty for a model fitted in closed form
 * @param seconds   training time
 * @param details   kind-specific facts (failure modes found, clock, settings), for reports
 */
public record ModelSummary(
        String format,
        String machineId,
        String origin,
        int epochs,
        List<Double> lossCurve,
        double seconds,
        Map<String, Object> details) {
    public ModelSummary {
        lossCurve = List.copyOf(lossCurve);
        details = Map.copyOf(details);
    }
}
