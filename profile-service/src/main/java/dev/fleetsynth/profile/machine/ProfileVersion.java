package dev.fleetsynth.profile.machine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

@Entity
@Table(name = "profile_versions")
@IdClass(ProfileVersion.Key.class)
public class ProfileVersion extends PanacheEntityBase {
    @Id
    public String machineId;

    @Id
    public int version;

    public String profileJson;
    public String profilePath;
    public String comment;
    public Instant createdAt;

    public static List<ProfileVersion> of(String machineId) {
        return list("machineId = ?1 order by version desc", machineId);
    }

    public static ProfileVersion of(String machineId, int version) {
        return find("machineId = ?1 and version = ?2", machineId, version).firstResult();
    }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String machineId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.machineId, machineId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(machineId, version);
        }
    }
}
