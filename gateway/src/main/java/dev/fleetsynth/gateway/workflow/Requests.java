package dev.fleetsynth.gateway.workflow;

import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.tvae.TvaeConfig;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bodies of the workflow calls; every field is optional and has the documented default. The limits
 * are in the OpenAPI document (from the engine's constants), where the dashboard's forms read them.
 */
public final class Requests {
    private Requests() {}

    /** POST /machines/{id}/seed: rows 1,000..100,000 (default 10,000), random seed (default 42). */
    public record Seed(
            @Schema(
                    minimum = "" + SeedOptions.MIN_ROWS,
                    maximum = "" + SeedOptions.MAX_ROWS,
                    defaultValue = "" + SeedOptions.DEFAULT_ROWS)
            Integer rows,

            Long seed,
            String pipeline) {}

    /**
     * POST /machines/{id}/train: epochs (default 300), batch size (default 500), random seed, the
     * seed data to train on (default the latest), pipeline auto to generate a dataset afterwards.
     */
    public record Train(
            @Schema(minimum = "" + TvaeConfig.MIN_EPOCHS, maximum = "" + TvaeConfig.MAX_EPOCHS)
            Integer epochs,

            Integer batchSize,
            Long seed,
            String seedId,
            String pipeline,
            String model,
            String strategy,
            String baseModelId,

            @Schema(
                    minimum = "0",
                    maximum = "" + TvaeConfig.MAX_EPOCHS,
                    description = "TVAE: stop when the quality of a draw has "
                            + "not improved for this many epochs and keep the best (epochs is then the most it trains); 0 trains exactly "
                            + "epochs; default " + FitOptions.DEFAULT_PATIENCE)
            Integer earlyStop) {
        public Train(Integer epochs, Integer batchSize, Long seed, String seedId, String pipeline) {
            this(epochs, batchSize, seed, seedId, pipeline, null, null, null, null);
        }
    }

    /**
     * POST /machines/{id}/ingest: an upload (upload_id) brought in as the machine's seed. Every other
     * field is optional and detected when absent: columns (for a file without a header), sheet, unit,
     * order, rul, rul_from_end, rul_cap, failure, holdout_units (default 0.2), missing (fill or drop),
     * seed, mapping (as the preview suggested it, edited or not), map_to_profile (rename the columns
     * onto the machine's profile, default false), pipeline (auto: train and generate afterwards).
     */
    public record Ingest(
            String uploadId,
            java.util.List<String> columns,
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

            @Schema(ref = "seed.ColumnMapping") com.fasterxml.jackson.databind.JsonNode mapping,

            Boolean mapToProfile,
            String pipeline) {}

    /**
     * POST /machines/{id}/generate: either rows (split 70/15/15, default 50,000) or train/val/test
     * rows; the model (default the latest); random seed.
     */
    public record Generate(
            @Schema(minimum = "3", maximum = "" + SplitSizes.MAX_ROWS, defaultValue = "" + Workflow.DEFAULT_ROWS)
            Integer rows,

            Integer trainRows,
            Integer valRows,
            Integer testRows,
            String modelId,
            Long seed) {}
}
