package dev.fleetsynth.gateway.auth;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

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
