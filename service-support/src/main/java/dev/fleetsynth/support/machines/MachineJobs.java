package dev.fleetsynth.support.machines;

import dev.fleetsynth.support.jobs.JobRecord;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The part every {@link MachineData} has: the machine's job rows. */
public final class MachineJobs {
    private MachineJobs() {}

    /** The ids of the machine's jobs of this kind that have not finished (read in a transaction of its own). */
    public static List<UUID> unfinished(Class<? extends JobRecord> jobs, String machineId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager()
                        .createQuery(
                                "select j.jobId from " + jobs.getSimpleName()
                                        + " j where j.machineId = :m and j.status in ('queued', 'running')",
                                UUID.class)
                        .setParameter("m", machineId)
                        .getResultList());
    }

    /**
     * Deletes the machine's finished job rows of this kind made up to {@code at}, in the caller's
     * transaction. An unfinished one stays until its job, stopping now, has recorded how it ended.
     */
    public static void delete(Class<? extends JobRecord> jobs, String machineId, Instant at) {
        Panache.getEntityManager()
                .createQuery("delete from " + jobs.getSimpleName() + " j where j.machineId = :m and j.createdAt <= :at"
                        + " and j.status not in ('queued', 'running')")
                .setParameter("m", machineId)
                .setParameter("at", at)
                .executeUpdate();
    }

    /** What picks the machine's results made up to {@code at} or by one of its jobs made up to then (HQL, parameters ?1 machine, ?2 time). */
    public static String resultsOf(Class<? extends JobRecord> jobs) {
        return "machineId = ?1 and (createdAt <= ?2 or jobId in (select j.jobId from " + jobs.getSimpleName()
                + " j where j.machineId = ?1 and j.createdAt <= ?2))";
    }
}
