package dev.fleetsynth.support.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.fleetsynth.engine.store.ArtifactStore;

/** The artifact store at {@code fleetsynth.artifacts.root} (shared by all services). */
public class ArtifactStoreProducer {
    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(ArtifactsConfig config) {
        return new ArtifactStore(config.root());
    }
}
