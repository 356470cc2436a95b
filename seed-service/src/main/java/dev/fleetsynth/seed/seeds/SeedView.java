package dev.fleetsynth.seed.seeds;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A seed as the REST API shows it; {@code path} is relative to the artifact store's root. */
@Schema(
        requiredProperties = {
            "seed_id",
            "machine_id",
            "path",
            "rows",
            "cycles",
            "profile_version",
            "random_seed",
            "created_at"
        })
public record SeedView(
        String seedId,
        String machineId,
        UUID jobId,
        String path,
        int rows,
        int cycles,
        int profileVersion,
        long randomSeed,
        Instant createdAt,
        String source,
        String holdoutPath,
        String reportPath) {
    public static SeedView of(Seed s) {
        return new SeedView(
                s.seedId,
                s.machineId,
                s.jobId,
                s.path,
                s.rows,
                s.cycles,
                s.profileVersion,
                s.randomSeed,
                s.createdAt,
                s.source,
                s.holdoutPath,
                s.reportPath);
    }
}
