package dev.fleetsynth.trainer.machines;

import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.support.machines.MachineData;
import dev.fleetsynth.support.machines.MachineJobs;
import dev.fleetsynth.trainer.coordination.CancelFlags;
import dev.fleetsynth.trainer.job.Checkpoints;
import dev.fleetsynth.trainer.job.TrainingJob;
import dev.fleetsynth.trainer.job.TrainingJobRows;
import dev.fleetsynth.trainer.model.Model;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * A deleted machine's training jobs, and its models with their directories. Trainings stop the way
 * a cancel stops them (the Redis flag the training loop watches, and the row of one still queued).
 */
@ApplicationScoped
public class ModelData implements MachineData {
    @Inject
    CancelFlags flags;

    @Inject
    TrainingJobRows jobs;

    @Override
    public void stopJobs(String machineId) {
        for (var jobId : MachineJobs.unfinished(TrainingJob.class, machineId)) {
            flags.request(jobId);
            jobs.cancel(jobId);
        }
    }

    @Override
    public List<String> delete(String machineId, Instant deletedAt) {
        List<String> files = new java.util.ArrayList<>(
                Model.<Model>list(MachineJobs.resultsOf(TrainingJob.class), machineId, deletedAt).stream()
                        .map(m -> m.path)
                        .toList());
        // a stopped training's checkpoint, beside the model it would have become
        TrainingJob.<TrainingJob>list("machineId = ?1 and createdAt <= ?2", machineId, deletedAt)
                .forEach(j -> files.add(Checkpoints.path(ArtifactStore.modelPath(machineId, j.jobId.toString()))));
        // models first: each names the job that made it
        Model.delete(MachineJobs.resultsOf(TrainingJob.class), machineId, deletedAt);
        MachineJobs.delete(TrainingJob.class, machineId, deletedAt);
        return files;
    }
}
