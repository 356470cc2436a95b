package dev.fleetsynth.gateway.batch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "batches")
public class Batch extends PanacheEntityBase {
    @Id
    public UUID batchId;

    public String operation;
    /** The request as JSON. */
    public String params;
    /** Per-machine results that are not tasks (validations, refusals), as JSON. */
    public String results;

    public Instant createdAt;
}
