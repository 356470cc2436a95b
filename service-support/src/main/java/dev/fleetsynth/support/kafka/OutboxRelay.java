package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FleetEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox's events that stayed unpublished: those whose service stopped between the
 * commit that recorded them and their publish. Every {@code fleetsynth.outbox.relay-every} (5 s;
 * {@code off} in a service without an outbox), rows recorded at least {@value #GRACE_SECONDS} s ago
 * (the path that recorded them publishes them itself in that time) are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so two replicas never take the same row, published and marked. A
 * stop between the publish and the mark sends one twice, with its one event id, which consumers drop.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final int GRACE_SECONDS = 10;
    private static final int BATCH = 100;

    @Inject
    EventPublisher events;

    private final EventCodec codec = new EventCodec();

    /**
     * Sends an event recorded with {@link Outbox#announce}, once its transaction has committed. One
     * the broker does not take now is not the caller's failure (the change it announces is done):
     * it stays unpublished, and the relay sends it.
     */
    public void sendAnnounced(FleetEvent event) {
        try {
            events.publish(event);
            QuarkusTransaction.requiringNew().run(() -> Outbox.markPublished(event));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "%s %s not sent now (%s); the outbox relay sends it",
                    event.topic(), event.eventId(), e.getMessage());
        }
    }

    @Scheduled(
            every = "${fleetsynth.outbox.relay-every:5s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        int sent = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Outbox> rows = Outbox.getEntityManager()
                    .createNativeQuery("""
                    SELECT * FROM outbox
                     WHERE published_at IS NULL AND recorded_at < :cutoff
                     ORDER BY recorded_at LIMIT :batch
                       FOR UPDATE SKIP LOCKED""", Outbox.class)
                    .setParameter("cutoff", Instant.now().minus(Duration.ofSeconds(GRACE_SECONDS)))
                    .setParameter("batch", BATCH)
                    .getResultList();
            for (Outbox o : rows) {
                events.publish(codec.fromJson(o.topic, o.payload));
                o.publishedAt = Instant.now();
            }
            return rows.size();
        });
        if (sent > 0) {
            LOG.infof("outbox: %d event(s) left unpublished by an earlier stop sent now", sent);
        }
    }
}
