package dev.fleetsynth.support.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Serializer;

import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FleetEvent;

/** Writes events as the JSON of the events contract. */
public class FleetEventSerializer implements Serializer<FleetEvent> {
    private final EventCodec codec = new EventCodec();

    @Override
    public byte[] serialize(String topic, FleetEvent event) {
        return event == null ? null : codec.toJson(event).getBytes(StandardCharsets.UTF_8);
    }
}
