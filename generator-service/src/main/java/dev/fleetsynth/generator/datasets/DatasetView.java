package dev.fleetsynth.generator.datasets;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A dataset as the REST API shows it; paths are relative to the artifact store's root. Scores that
 * could not be computed (and {@code utility_ratio} when no utility was measured) are left out.
 */
@Schema(
        requiredProperties = {
            "dataset_id",
            "machine_id",
            "model_id",
            "path",
            "train_rows",
            "val_rows",
            "test_rows",
            "rows",
            "passed",
            "random_seed",
            "created_at"
        })
public record DatasetView(
        String datasetId,
        String machineId,
        UUID jobId,
        String modelId,
        String path,
        String seedPath,
        int trainRows,
        int valRows,
        int testRows,
        int rows,
        Double qualityOverall,
        Double columnShapes,
        Double columnPairTrends,
        String grade,
        boolean passed,
        Double utilityRatio,
        long randomSeed,
        Instant createdAt) {
    public static DatasetView of(Dataset d) {
        return new DatasetView(
                d.datasetId,
                d.machineId,
                d.jobId,
                d.modelId,
                d.path,
                d.seedPath,
                d.trainRows,
                d.valRows,
                d.testRows,
                d.trainRows + d.valRows + d.testRows,
                d.qualityOverall,
                d.columnShapes,
                d.columnPairTrends,
                d.grade,
                d.passed,
                d.utilityRatio,
                d.randomSeed,
                d.createdAt);
    }
}
