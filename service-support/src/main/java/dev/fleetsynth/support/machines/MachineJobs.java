package dev.fleetsynth.support.machines;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fleetsynth.support.jobs.JobRecord;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The part every {@link MachineData} has: the machine's job rows. */
public final class MachineJobs {
    private MachineJobs() {
    }

    /** The ids of the machine's jobs of this kind that have not finished (read in a transaction of its own). */
    public static List<UUID> unfinished(Class<? extends JobRecord> jobs, String machineId) {
        return QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createQuery("select j.jobId from "
                + jobs.getSimpleName() + " j where j.machineId = :m and j.status in ('queued', 'running')", UUID.class)
                .setParameter("m", machineId).getResultList());
    }

    /** Deletes the machine's job rows of this kind made up to {@code at}, in the caller's transaction. */
    public static void delete(Class<? extends JobRecord> jobs, String machineId, Instant at) {
        Panache.getEntityManager().createQuery("delete from " + jobs.getSimpleName() + " j where j.machineId = :m and j.createdAt <= :at")
                .setParameter("m", machineId).setParameter("at", at).executeUpdate();
    }
}
