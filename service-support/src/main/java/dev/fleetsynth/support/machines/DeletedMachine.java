package dev.fleetsynth.support.machines;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * When a machine was last deleted. A request of the machine made before then may still wait in
 * Kafka (another topic than the deletion's, so in no order with it): it is dropped, not run for a
 * machine that is gone or for a new one under the same id.
 */
@Entity
@Table(name = "deleted_machines")
public class DeletedMachine extends PanacheEntityBase {
    @Id
    public String machineId;

    public Instant deletedAt;

    /** Whether the machine was deleted at or after {@code requestedAt}: a request made then is out of date. */
    public static boolean deletedSince(String machineId, Instant requestedAt) {
        DeletedMachine d = findById(machineId);
        return d != null && !d.deletedAt.isBefore(requestedAt);
    }

    /** In the caller's transaction. */
    static void record(String machineId, Instant deletedAt) {
        DeletedMachine d = findById(machineId);
        if (d == null) {
            d = new DeletedMachine();
            d.machineId = machineId;
            d.deletedAt = deletedAt;
            d.persist();
        } else if (deletedAt.isAfter(d.deletedAt)) {
            d.deletedAt = deletedAt;
        }
    }
}
