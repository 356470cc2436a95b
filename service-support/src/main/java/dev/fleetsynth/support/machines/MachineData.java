package dev.fleetsynth.support.machines;

import java.time.Instant;
import java.util.List;

/**
 * What a service holds of a machine, removed when the machine is deleted: each service has one
 * bean of this kind, and {@link MachineDeletions} calls it for every {@code machine.deleted}.
 */
public interface MachineData {
    /**
     * Stops the machine's unfinished jobs (at their next check), before anything is removed; outside any
     * transaction, since a running job looks for the request in its own.
     */
    void stopJobs(String machineId);

    /**
     * In the deletion's transaction: removes the machine's rows made up to {@code deletedAt} (what came
     * later belongs to a machine made again under the id) and returns the files of the artifact store
     * they pointed at, which are removed once the transaction commits; safe to run again.
     */
    List<String> delete(String machineId, Instant deletedAt);
}
