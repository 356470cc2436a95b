package dev.fleetsynth.generator.generation;

import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.GenerationRequested;
import dev.fleetsynth.events.ModelTrained;
import dev.fleetsynth.events.Pipeline;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The events that start a generation job: {@code generation.requested} always,
 * {@code model.trained} only for a machine in the auto pipeline.
 */
@ApplicationScoped
public class GenerationTriggers {
    private static final Logger LOG = Logger.getLogger(GenerationTriggers.class);

    @Inject
    GenerationJobs jobs;

    @Incoming("generation-triggers")
    @Blocking(ordered = true)
    public void on(FleetEvent event) {
        if (event instanceof GenerationRequested r) {
            jobs.run(GenerationRequest.of(r));
        } else if (event instanceof ModelTrained m) {
            if (m.pipeline() == Pipeline.AUTO) {
                jobs.run(GenerationRequest.of(m));
            } else {
                LOG.debugf(
                        "model %s of %s is in the manual pipeline: no dataset until one is requested",
                        m.modelId(), m.machineId());
            }
        } else if (event != null) {
            LOG.warnf("ignored a %s event on the generation triggers", event.topic());
        }
    }
}
