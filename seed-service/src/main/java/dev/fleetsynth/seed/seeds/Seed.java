package dev.fleetsynth.seed.seeds;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A seed Parquet file in the artifact store. Its id is its job's id (one job, one seed). */
@Entity
@Table(name = "seeds")
public class Seed extends PanacheEntityBase {
    @Id
    public String seedId;

    public String machineId;
    public UUID jobId;
    /** Relative to the artifact store's root. */
    public String path;

    public int rows;
    public int cycles;
    public int profileVersion;
    public long randomSeed;
    public Instant createdAt;
    /** simulated or real. */
    public String source;
    /** The held-out units (real) or second draw (simulated) beside the seed; may be null for old seeds. */
    public String holdoutPath;
    /** For a real seed: what ingestion found and did (ingest.json). */
    public String reportPath;

    public static Seed find(String seedId) {
        return findById(seedId);
    }

    /** Newest first; all machines when {@code machineId} is null. */
    public static List<Seed> newestFirst(String machineId) {
        return machineId == null
                ? list("order by createdAt desc, seedId")
                : list("machineId = ?1 order by createdAt desc, seedId", machineId);
    }
}
