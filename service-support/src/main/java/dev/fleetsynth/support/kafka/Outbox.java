package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FleetEvent;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox: the event that announces a job's outcome, written in the same transaction as the
 * outcome and the trigger's processed mark, and marked once published. The trigger's offset is
 * acknowledged only after that, so if the service dies between the commit and the publish, Kafka
 * delivers the trigger again, JobRunner finds it handled with its outcome unpublished, and
 * publishes it from here: the redelivery is the relay, and no result is lost (a death between the
 * publish and the mark sends it twice, with one event id, which consumers drop). An event that a
 * request makes has no trigger to come again: {@link #announce} records it, and {@link OutboxRelay}
 * publishes what stayed unpublished.
 */
@Entity
@Table(name = "outbox")
public class Outbox extends PanacheEntityBase {
    private static final EventCodec CODEC = new EventCodec();

    @Id
    public UUID triggerEventId;

    public String topic;
    public String payload;
    public Instant recordedAt;
    public Instant publishedAt;

    /** Records the outcome of the trigger's job, in the caller's transaction. */
    public static void record(FleetEvent trigger, FleetEvent outcome) {
        if (findById(trigger.eventId()) != null) {
            return;
        }
        Outbox o = new Outbox();
        o.triggerEventId = trigger.eventId();
        o.topic = outcome.topic();
        o.payload = CODEC.toJson(outcome);
        o.recordedAt = Instant.now();
        o.persist();
    }

    /**
     * Records an event that a request (not a trigger) makes, in the caller's transaction: it goes out
     * after the commit ({@link #markPublished}), or from the {@link OutboxRelay} if it did not. Keyed
     * by the event's own id.
     */
    public static void announce(FleetEvent event) {
        record(event, event);
    }

    /** The outcome recorded for a trigger and not yet marked published. */
    public static Optional<FleetEvent> unpublishedOutcomeOf(FleetEvent trigger) {
        Outbox o = findById(trigger.eventId());
        return o == null || o.publishedAt != null ? Optional.empty() : Optional.of(CODEC.fromJson(o.topic, o.payload));
    }

    /** Marks the trigger's outcome as published, in the caller's transaction. */
    public static void markPublished(FleetEvent trigger) {
        Outbox o = findById(trigger.eventId());
        if (o != null && o.publishedAt == null) {
            o.publishedAt = Instant.now();
        }
    }
}
