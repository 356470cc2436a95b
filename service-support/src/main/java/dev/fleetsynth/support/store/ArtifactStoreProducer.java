package dev.fleetsynth.support.store;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.fleetsynth.engine.store.ArtifactStore;

/** The artifact store at {@code fleetsynth.artifacts.root} (shared by all services). */
public class ArtifactStoreProducer {
    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(@ConfigProperty(name = "fleetsynth.artifacts.root", defaultValue = "data/artifacts") Path root) {
        return new ArtifactStore(root);
    }
}
