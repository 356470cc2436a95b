package dev.fleetsynth.support.kafka;

import dev.fleetsynth.events.EventCodec;
import dev.fleetsynth.events.FleetEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an event as the record type of its topic. A record that is not a valid event fails here,
 * and the channel's failure strategy (ignore, logged) keeps one bad record from stopping a
 * partition.
 */
public class FleetEventDeserializer implements Deserializer<FleetEvent> {
    private final EventCodec codec = new EventCodec();

    @Override
    public FleetEvent deserialize(String topic, byte[] data) {
        return data == null ? null : codec.fromJson(topic, new String(data, StandardCharsets.UTF_8));
    }
}
