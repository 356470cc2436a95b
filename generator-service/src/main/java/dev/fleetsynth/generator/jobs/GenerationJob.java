package dev.fleetsynth.generator.jobs;

import dev.fleetsynth.support.jobs.JobRecord;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/** A generation job: the model and seed it uses, the sizes asked for and, once done, the dataset it made. */
@Entity
@Table(name = "jobs")
public class GenerationJob extends JobRecord {
    /** The topic of the event that started the job (generation.requested or model.trained). */
    public String triggerTopic;

    public String modelId;
    public String modelPath;
    public String seedPath;
    public int trainRows;
    public int valRows;
    public int testRows;
    public long randomSeed;
    public String datasetId;

    public static GenerationJob find(UUID jobId) {
        return findById(jobId);
    }

    /** Newest first; all machines when {@code machineId} is null. */
    public static List<GenerationJob> newestFirst(String machineId) {
        return machineId == null
                ? list("order by createdAt desc, jobId")
                : list("machineId = ?1 order by createdAt desc, jobId", machineId);
    }
}
