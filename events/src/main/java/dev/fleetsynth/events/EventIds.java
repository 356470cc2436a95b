package dev.fleetsynth.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids that follow from what they name rather than being drawn: a job's result event (from the
 * job), a job started by an event (from that event), a dead letter (from the event it carries). An
 * outcome that is ever produced twice (a crash before it was recorded, a redelivery) then has one
 * id, and consumers that drop ids they have seen handle it once.
 */
public final class EventIds {
    private EventIds() {}

    /** A name-based (version 3) UUID of the parts joined by {@code ':'}. */
    public static UUID derived(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(':');
            }
            b.append(parts[i]);
        }
        return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the event that announces the result of {@code jobId} on {@code topic}. */
    public static UUID result(String topic, UUID jobId) {
        return derived(topic, jobId);
    }
}
