package dev.fleetsynth.gateway.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/** Which names and sites the gateway answers besides its own address. */
@ConfigMapping(prefix = "fleetsynth.http")
public interface HttpConfig {
    /** Host names besides localhost and IP addresses ({@link AllowedHosts}); "*" allows any. */
    @WithName("allowed-hosts")
    Optional<List<String>> allowedHosts();

    /** Sites whose pages may write to the API besides the dashboard's own ({@link SameOrigin}). */
    @WithName("allowed-origins")
    Optional<List<String>> allowedOrigins();
}
