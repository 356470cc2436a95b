package dev.fleetsynth.gateway.workflow;

/** Bodies of the workflow calls; every field is optional and has the documented default. */
public final class Requests {
    private Requests() {
    }

    /** POST /machines/{id}/seed: rows 1,000..100,000 (default 10,000), random seed (default 42). */
    public record Seed(Integer rows, Long seed, String pipeline) {
    }

    /**
     * POST /machines/{id}/train: epochs (default 300), batch size (default 500), random seed, the
     * seed data to train on (default the latest), pipeline auto to generate a dataset afterwards.
     */
    public record Train(Integer epochs, Integer batchSize, Long seed, String seedId, String pipeline) {
    }

    /**
     * POST /machines/{id}/generate: either rows (split 70/15/15, default 50,000) or train/val/test
     * rows; the model (default the latest); random seed.
     */
    public record Generate(Integer rows, Integer trainRows, Integer valRows, Integer testRows, String modelId, Long seed) {
    }
}
