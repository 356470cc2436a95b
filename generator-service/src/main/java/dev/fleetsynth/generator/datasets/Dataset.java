package dev.fleetsynth.generator.datasets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A synthetic dataset in the artifact store (a directory of train/val/test Parquet and quality.json)
 * with its headline quality scores. Its id is its job's id. Datasets never change once written.
 */
@Entity
@Table(name = "datasets")
public class Dataset extends PanacheEntityBase {
    @Id
    public String datasetId;

    public String machineId;
    public UUID jobId;
    public String modelId;
    /** The dataset's directory, relative to the artifact store's root. */
    public String path;
    /** The seed the model learnt: what the explorer compares the synthetic data with. */
    public String seedPath;

    public int trainRows;
    public int valRows;
    public int testRows;
    public Double qualityOverall;
    public Double columnShapes;
    public Double columnPairTrends;
    public String grade;
    public boolean passed;
    /** RMSE of a RUL model trained on synthetic rows over one trained on seed rows; null when not computed. */
    public Double utilityRatio;

    public long randomSeed;
    public Instant createdAt;

    public static Dataset find(String datasetId) {
        return findById(datasetId);
    }

    /** Newest first; all machines when {@code machineId} is null. */
    public static List<Dataset> newestFirst(String machineId) {
        return machineId == null
                ? list("order by createdAt desc, datasetId")
                : list("machineId = ?1 order by createdAt desc, datasetId", machineId);
    }

    public int rows(Split split) {
        return switch (split) {
            case TRAIN -> trainRows;
            case VAL -> valRows;
            case TEST -> testRows;
        };
    }
}
