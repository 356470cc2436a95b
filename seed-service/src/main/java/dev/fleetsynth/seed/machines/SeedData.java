package dev.fleetsynth.seed.machines;

import dev.fleetsynth.seed.jobs.SeedJob;
import dev.fleetsynth.seed.seeds.Seed;
import dev.fleetsynth.support.jobs.JobCancels;
import dev.fleetsynth.support.machines.MachineData;
import dev.fleetsynth.support.machines.MachineJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A deleted machine's seed jobs, and its seeds with their holdouts and ingest reports. */
@ApplicationScoped
public class SeedData implements MachineData {
    @Inject
    JobCancels cancels;

    @Override
    public void stopJobs(String machineId) {
        MachineJobs.unfinished(SeedJob.class, machineId).forEach(cancels::flag);
    }

    @Override
    public List<String> delete(String machineId, Instant deletedAt) {
        List<String> files = new ArrayList<>();
        for (Seed s : Seed.<Seed>list(MachineJobs.resultsOf(SeedJob.class), machineId, deletedAt)) {
            files.add(s.path);
            files.add(s.holdoutPath);
            files.add(s.reportPath);
        }
        Seed.delete(MachineJobs.resultsOf(SeedJob.class), machineId, deletedAt);
        MachineJobs.delete(SeedJob.class, machineId, deletedAt);
        files.removeIf(java.util.Objects::isNull);
        return files;
    }
}
