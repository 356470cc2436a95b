package dev.fleetsynth.gateway.task;

import dev.fleetsynth.support.machines.MachineData;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * A deleted machine's tasks. Their ids are kept (deleted_tasks): the outcome of a job that was
 * stopping when its machine went arrives later and must not bring its task back.
 */
@ApplicationScoped
public class TaskData implements MachineData {
    @Override
    public void stopJobs(String machineId) {
        // the services that run the jobs stop them: they hear of the deletion too
    }

    @Override
    public List<String> delete(String machineId, Instant deletedAt) {
        var em = Panache.getEntityManager();
        em.createNativeQuery(
                        "INSERT INTO deleted_tasks (task_id, machine_id, deleted_at) SELECT task_id, machine_id, ?2 FROM tasks "
                                + "WHERE machine_id = ?1 AND created_at <= ?2 ON CONFLICT (task_id) DO NOTHING")
                .setParameter(1, machineId)
                .setParameter(2, deletedAt)
                .executeUpdate();
        Task.delete("machineId = ?1 and createdAt <= ?2", machineId, deletedAt);
        return List.of(); // tasks have no files
    }

    /** Whether this task belonged to a machine that was deleted. */
    static boolean deleted(java.util.UUID taskId) {
        return !Panache.getEntityManager()
                .createNativeQuery("SELECT 1 FROM deleted_tasks WHERE task_id = ?1")
                .setParameter(1, taskId)
                .getResultList()
                .isEmpty();
    }
}
