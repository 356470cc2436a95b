package dev.fleetsynth.support.store;

import dev.fleetsynth.engine.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The artifact store at {@code fleetsynth.artifacts.root} (shared by all services). */
public class ArtifactStoreProducer {
    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(ArtifactsConfig config) {
        return new ArtifactStore(config.root());
    }
}
