package dev.fleetsynth.support.kafka;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event this service has handled; a redelivered event finds its row and is dropped. */
@Entity
@Table(name = "processed_events")
public class ProcessedEvent extends PanacheEntityBase {
    @Id
    public UUID eventId;

    public String topic;
    public Instant processedAt;
}
