package dev.fleetsynth.generator.machines;

import dev.fleetsynth.generator.datasets.Dataset;
import dev.fleetsynth.generator.jobs.GenerationJob;
import dev.fleetsynth.support.jobs.JobCancels;
import dev.fleetsynth.support.machines.MachineData;
import dev.fleetsynth.support.machines.MachineJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** A deleted machine's generation jobs, and its datasets with their directories. */
@ApplicationScoped
public class DatasetData implements MachineData {
    @Inject
    JobCancels cancels;

    @Override
    public void stopJobs(String machineId) {
        MachineJobs.unfinished(GenerationJob.class, machineId).forEach(cancels::flag);
    }

    @Override
    public List<String> delete(String machineId, Instant deletedAt) {
        List<String> files =
                Dataset.<Dataset>list(MachineJobs.resultsOf(GenerationJob.class), machineId, deletedAt).stream()
                        .map(d -> d.path)
                        .toList();
        Dataset.delete(MachineJobs.resultsOf(GenerationJob.class), machineId, deletedAt);
        MachineJobs.delete(GenerationJob.class, machineId, deletedAt);
        return files;
    }
}
