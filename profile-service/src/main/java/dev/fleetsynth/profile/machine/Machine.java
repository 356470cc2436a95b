package dev.fleetsynth.profile.machine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "machines")
public class Machine extends PanacheEntityBase {
    @Id
    public String machineId;

    public String machineType;
    public String manufacturer;
    public String model;
    public int sensorCount;
    public int currentVersion;
    public String pipeline;
    /** {@code catalog} for the built-in fleet, {@code user} for machines created through the API. */
    public String source;

    public Instant createdAt;
    public Instant updatedAt;
}
