package dev.fleetsynth.seed.jobs;

import dev.fleetsynth.support.jobs.JobRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/** A seed job: what was asked for (rows, random seed, profile version) and, once done, the seed it made. */
@Entity
@Table(name = "jobs")
public class SeedJob extends JobRecord {
    /** The topic of the event that started the job (seed.requested or machine.created). */
    public String triggerTopic;
    /** auto or manual: copied into seed.ready so the trainer knows whether to go on by itself. */
    public String pipeline;

    public int profileVersion;
    public int rows;
    public long randomSeed;
    public String seedId;
    /** simulated (the profile's physics) or real (an upload). */
    public String source;

    public static SeedJob find(UUID jobId) {
        return findById(jobId);
    }

    /** Newest first; all machines when {@code machineId} is null. */
    public static List<SeedJob> newestFirst(String machineId) {
        return machineId == null
                ? list("order by createdAt desc, jobId")
                : list("machineId = ?1 order by createdAt desc, jobId", machineId);
    }
}
