package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.FleetEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes events on their own topic, keyed by machine id (so one machine's events stay in
 * order), and waits for the broker's acknowledgement: a caller that returns has published.
 */
@ApplicationScoped
public class EventPublisher {
    @Inject
    @Channel("events")
    MutinyEmitter<FleetEvent> emitter;

    public void publish(FleetEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.machineId())
                .build();
        emitter.sendMessageAndAwait(Message.of(event).addMetadata(metadata));
    }
}
