package dev.fleetsynth.support.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.fleetsynth.events.EventCodec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

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

    @Scheduled(every = "${fleetsynth.outbox.relay-every:5s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        int sent = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = Outbox.getEntityManager().createNativeQuery("""
                    SELECT trigger_event_id FROM outbox
                     WHERE published_at IS NULL AND recorded_at < :cutoff
                     ORDER BY recorded_at LIMIT :batch
                       FOR UPDATE SKIP LOCKED""", UUID.class)
                    .setParameter("cutoff", Instant.now().minus(Duration.ofSeconds(GRACE_SECONDS)))
                    .setParameter("batch", BATCH)
                    .getResultList();
            for (UUID id : ids) {
                Outbox o = Outbox.findById(id);
                events.publish(codec.fromJson(o.topic, o.payload));
                o.publishedAt = Instant.now();
            }
            return ids.size();
        });
        if (sent > 0) {
            LOG.infof("outbox: %d event(s) left unpublished by an earlier stop sent now", sent);
        }
    }
}
