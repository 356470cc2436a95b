package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.DeadLetter;
import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends an event that could not be handled, whole, to the dead-letter topic, naming this service. */
@ApplicationScoped
public class DeadLetters {
    @Inject
    EventPublisher events;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private final EventCodec codec = new EventCodec();

    public void send(FleetEvent original, FailureCode code, String reason, int attempts) {
        events.publish(DeadLetter.of(original, service, code, reason, attempts, codec.toJson(original)));
    }
}
