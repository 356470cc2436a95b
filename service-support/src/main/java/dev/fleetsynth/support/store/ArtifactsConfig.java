package dev.fleetsynth.support.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the artifact store lives: one folder every service sees (a shared volume in Kubernetes). */
@ConfigMapping(prefix = "fleetsynth.artifacts")
public interface ArtifactsConfig {
    @WithDefault("data/artifacts")
    Path root();
}
