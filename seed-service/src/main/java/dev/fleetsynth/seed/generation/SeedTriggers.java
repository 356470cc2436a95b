package dev.fleetsynth.seed.generation;

import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.MachineCreated;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.events.SeedRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The events that start a seed job: {@code seed.requested} always, {@code machine.created} only
 * for a machine in the auto pipeline (a manual one waits for the wizard's request).
 */
@ApplicationScoped
public class SeedTriggers {
    private static final Logger LOG = Logger.getLogger(SeedTriggers.class);

    @Inject
    SeedJobs jobs;

    @Incoming("seed-triggers")
    @Blocking(ordered = true)
    public void on(FleetEvent event) {
        if (event instanceof SeedRequested r) {
            jobs.run(SeedRequest.of(r));
        } else if (event instanceof MachineCreated m) {
            if (m.pipeline() == Pipeline.AUTO) {
                jobs.run(SeedRequest.of(m));
            } else {
                LOG.debugf("machine %s is in the manual pipeline: no seed until one is requested", m.machineId());
            }
        } else if (event != null) {
            LOG.warnf("ignored a %s event on the seed triggers", event.topic());
        }
    }
}
