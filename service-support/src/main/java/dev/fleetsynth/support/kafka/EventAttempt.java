package dev.fleetsynth.support.kafka;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * How many times this service has started the job of an event, counted before the work begins:
 * a count that grows without the event ever being processed means the work takes the service down.
 */
@Entity
@Table(name = "event_attempts")
public class EventAttempt extends PanacheEntityBase {
    @Id
    public UUID eventId;

    public String topic;
    public int attempts;
    public Instant lastAttemptAt;

    /** Counts one more start of this event's job, in the caller's transaction; the count so far. */
    public static int next(UUID eventId, String topic) {
        EventAttempt a = findById(eventId);
        if (a == null) {
            a = new EventAttempt();
            a.eventId = eventId;
            a.topic = topic;
            a.attempts = 1;
            a.lastAttemptAt = Instant.now(); // set before persist: the insert takes the state it has then
            a.persist();
            return 1;
        }
        a.attempts++;
        a.lastAttemptAt = Instant.now();
        return a.attempts;
    }
}
