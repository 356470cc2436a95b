package dev.fleetsynth.gateway.batch;

import java.util.List;

/**
 * Which machines a batch covers (machine_ids, or a category, or all; only_failed keeps those whose
 * last attempt at this step failed or whose dataset is below the quality minimum) and the step's
 * parameters (model: auto, trajectory or tvae, for train).
 */
public record BatchRequest(
        List<String> machineIds,
        String category,
        Boolean all,
        Boolean onlyFailed,
        Integer epochs,
        Integer rows,
        Integer seedRows,
        Long seed,
        String pipeline,
        String model) {}
