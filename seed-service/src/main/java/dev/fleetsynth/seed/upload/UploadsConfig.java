package dev.fleetsynth.seed.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How users' data files arrive ({@link Uploads}). */
@ConfigMapping(prefix = "fleetsynth.uploads")
public interface UploadsConfig {
    /** 8 MiB by default: under the services' request body limit, and few requests for a 500 MB file (63). */
    @WithName("chunk-bytes")
    @WithDefault("8388608")
    int chunkBytes();

    /** The largest file taken, 500 MB by default. */
    @WithName("max-bytes")
    @WithDefault("524288000")
    long maxBytes();
}
