package dev.fleetsynth.support.machines;

import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.events.MachineDeleted;
import dev.fleetsynth.support.kafka.DeadLetters;
import dev.fleetsynth.support.kafka.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Handles {@code machine.deleted} in every service that holds data of machines: stops the
 * machine's jobs, records the deletion (so requests made before it are dropped), removes the rows
 * of every {@link MachineData} bean and marks the event handled in one transaction, then removes
 * the files those rows pointed at. A deletion that fails is tried again, and after four tries goes
 * whole to the dead-letter topic rather than being acknowledged as done. Its own consumer group, apart from the job triggers: a running job blocks those, and the
 * deletion must reach it to stop it.
 */
@ApplicationScoped
public class MachineDeletions {
    private static final Logger LOG = Logger.getLogger(MachineDeletions.class);

    @Inject
    Instance<MachineData> data;

    @Inject
    ProcessedEvents processed;

    @Inject
    Instance<ArtifactStore> store;

    @Inject
    DeadLetters deadLetters;

    /** Tries of one deletion, two seconds apart (a database or Redis blip); every step is safe to run again. */
    private final Guard retries = Guard.create()
            .withRetry()
            .maxRetries(RETRIES)
            .delay(2, ChronoUnit.SECONDS)
            .done()
            .build();

    static final int RETRIES = 3;

    @Incoming("machine-deleted")
    @Blocking(ordered = true)
    public void on(FleetEvent event) {
        if (!(event instanceof MachineDeleted deleted)) {
            return;
        }
        try {
            retries.call(
                    () -> {
                        delete(deleted);
                        return null;
                    },
                    Object.class);
        } catch (Exception e) {
            // Not acknowledged as if done, and not retried for ever: kept whole where someone will see it.
            LOG.errorf(e, "could not delete machine %s after %d tries", deleted.machineId(), RETRIES + 1);
            deadLetters.send(
                    deleted,
                    FailureCode.INTERNAL,
                    "the deletion failed " + (RETRIES + 1) + " times: " + e.getMessage(),
                    RETRIES + 1);
        }
    }

    private void delete(MachineDeleted deleted) {
        String machineId = deleted.machineId();
        if (QuarkusTransaction.requiringNew().call(() -> processed.seen(deleted))) {
            return;
        }
        // Recorded first, in its own transaction: a request that reaches a worker from now on is dropped.
        QuarkusTransaction.requiringNew().run(() -> DeletedMachine.record(machineId, deleted.occurredAt()));
        data.forEach(d -> d.stopJobs(machineId));
        // Rows first, files after the commit: a failed transaction leaves rows whose files are all still there.
        List<String> files = QuarkusTransaction.requiringNew().call(() -> {
            List<String> all = new ArrayList<>();
            for (MachineData d : data) {
                all.addAll(d.delete(machineId, deleted.occurredAt()));
            }
            processed.markProcessed(deleted);
            return all;
        });
        for (String f : files) {
            try {
                AtomicFiles.deleteTree(store.get().resolve(f));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("could not remove %s of deleted machine %s: %s", f, machineId, e.getMessage());
            }
        }
        LOG.infof("machine %s deleted: its jobs stopped, its rows and files removed", machineId);
    }
}
