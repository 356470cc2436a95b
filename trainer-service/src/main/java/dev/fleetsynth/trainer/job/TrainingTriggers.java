package dev.fleetsynth.trainer.job;

import dev.fleetsynth.events.FleetEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The events that start a training ({@code training.requested}, and {@code seed.ready} of a machine
 * in the auto pipeline), as the seed and generator services' triggers are: the Kafka side of the trainer. {@code training}: the work, one event at a time in partition order
 * (a handler call lasts as long as the training). {@code intake}: the same events in a consumer
 * group of their own, recorded as queued jobs as soon as they arrive.
 */
@ApplicationScoped
public class TrainingTriggers {
    private static final Logger LOG = Logger.getLogger(TrainingTriggers.class);

    @Inject
    TrainingJobs jobs;

    @Inject
    TrainingJobRows rows;

    @Inject
    TrainingConfig config;

    @Incoming("training")
    @Blocking
    public void train(ConsumerRecord<String, FleetEvent> record) {
        if (record.value() == null) {
            // Not a valid event: skipped (and committed) rather than stopping the partition behind it.
            LOG.errorf(
                    "skipped %s-%d@%d (key %s): not a valid event: %s",
                    record.topic(), record.partition(), record.offset(), record.key(), reason(record));
            return;
        }
        train(record.value());
    }

    /** Runs the training an event asks for, if any, to its end. */
    public void train(FleetEvent event) {
        TrainingRequest.of(event, config).ifPresent(jobs::run);
    }

    @Incoming("intake")
    @Blocking
    public void intake(ConsumerRecord<String, FleetEvent> record) {
        if (record.value() == null) {
            return;
        }
        try {
            TrainingRequest.of(record.value(), config).ifPresent(rows::recordQueued);
        } catch (RuntimeException e) {
            // Only a preview of the queue: the work consumer makes the row itself when it gets there.
            LOG.warnf(
                    "could not record %s %s as a queued job: %s",
                    record.topic(), record.value().eventId(), e.getMessage());
        }
    }

    private static String reason(ConsumerRecord<String, FleetEvent> record) {
        Header h = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return h == null || h.value() == null ? "(empty record)" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
