package dev.fleetsynth.gateway.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {
    @Id
    public UUID keyId;

    public String name;
    /** SHA-256 of the key, hex: the key itself is shown once and never kept. */
    public String keyHash;

    public String role;
    public String owner;
    public Instant createdAt;
    public Instant lastUsedAt;
}
