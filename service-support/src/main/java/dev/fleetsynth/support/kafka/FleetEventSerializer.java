package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FleetEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/** Writes events as the JSON of the events contract. */
public class FleetEventSerializer implements Serializer<FleetEvent> {
    private final EventCodec codec = new EventCodec();

    @Override
    public byte[] serialize(String topic, FleetEvent event) {
        return event == null ? null : codec.toJson(event).getBytes(StandardCharsets.UTF_8);
    }
}
