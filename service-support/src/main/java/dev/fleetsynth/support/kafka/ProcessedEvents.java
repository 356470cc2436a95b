package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.FleetEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** The processed-events table: what makes every handler idempotent by event id. */
@ApplicationScoped
public class ProcessedEvents {
    public boolean seen(FleetEvent event) {
        return ProcessedEvent.findById(event.eventId()) != null;
    }

    /** Records the event as handled, in the caller's transaction (so with the handler's own rows). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markProcessed(FleetEvent event) {
        if (ProcessedEvent.findById(event.eventId()) != null) {
            return;
        }
        ProcessedEvent e = new ProcessedEvent();
        e.eventId = event.eventId();
        e.topic = event.topic();
        e.processedAt = Instant.now();
        e.persist();
    }
}
