package dev.fleetsynth.profile.machine;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.support.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * Puts the 32 catalog machines in place on the first start. Once loaded the catalog is not loaded
 * again, so a catalog machine the user deleted stays deleted.
 */
public class CatalogBootstrap {
    private static final Logger LOG = Logger.getLogger(CatalogBootstrap.class);

    @Inject
    MachineService machines;

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent start) {
        boolean loaded = QuarkusTransaction.requiringNew()
                .call(() -> !em.createNativeQuery("SELECT 1 FROM bootstrap WHERE name = 'catalog'")
                        .getResultList()
                        .isEmpty());
        if (loaded) {
            return;
        }
        int added = 0;
        for (Catalog.Entry entry : Catalog.machines()) {
            boolean exists = QuarkusTransaction.requiringNew().call(() -> Machine.findById(entry.machineId()) != null);
            if (exists) {
                continue;
            }
            try {
                machines.create(entry.profile(), Pipeline.MANUAL, "catalog");
                added++;
            } catch (ApiException e) {
                // Another replica created it first.
            }
        }
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "INSERT INTO bootstrap (name, done_at) VALUES ('catalog', now()) ON CONFLICT DO NOTHING")
                        .executeUpdate());
        LOG.infof("catalog loaded: %d machines added", added);
    }
}
