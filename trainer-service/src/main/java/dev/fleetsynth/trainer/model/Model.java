package dev.fleetsynth.trainer.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A trained model in the artifact store (model.params + model.json under {@code path}). */
@Entity
@Table(name = "models")
public class Model extends PanacheEntityBase {
    @Id
    public String modelId;

    public String machineId;
    public UUID jobId;
    public String seedId;
    public String path;
    /** Epochs trained. */
    public int epochs;

    public double finalLoss;
    public long durationMs;
    public Instant createdAt;
    /** trajectory or tvae. */
    public String kind;
    /** Where its training rows came from: simulated, real or merged. */
    public String source;
    /** For a merged model, the user's rows' share of all its training rows; null otherwise. */
    public Double realWeight;
}
