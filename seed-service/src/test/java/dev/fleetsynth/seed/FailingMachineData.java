package dev.fleetsynth.seed;

import dev.fleetsynth.support.machines.MachineData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** For the tests: one machine whose deletion always fails here, as a database that stays away would make it. */
@ApplicationScoped
public class FailingMachineData implements MachineData {
    static final String MACHINE = "pump_deletion_fails_001";
    static final AtomicInteger TRIES = new AtomicInteger();

    @Override
    public void stopJobs(String machineId) {}

    @Override
    public List<String> delete(String machineId, Instant deletedAt) {
        if (MACHINE.equals(machineId)) {
            TRIES.incrementAndGet();
            throw new IllegalStateException("the database is away");
        }
        return List.of();
    }
}
