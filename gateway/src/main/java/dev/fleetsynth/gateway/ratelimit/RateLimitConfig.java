package dev.fleetsynth.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How many API calls a caller may make. */
@ConfigMapping(prefix = "fleetsynth.rate-limit")
public interface RateLimitConfig {
    /** API calls per caller in a one-minute window; 0 or less turns the limit off. */
    @WithName("per-minute")
    @WithDefault("100")
    int perMinute();
}
