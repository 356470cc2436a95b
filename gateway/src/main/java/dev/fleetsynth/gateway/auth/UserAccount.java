package dev.fleetsynth.gateway.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "users")
public class UserAccount extends PanacheEntityBase {
    @Id
    public String username;

    public String passwordHash;
    public String role;
    public Instant createdAt;
    public String createdBy;
}
