package dev.fleetsynth.gateway.upstream;

/** The services behind the gateway. */
public enum Service {
    PROFILE,
    SEED,
    TRAINER,
    GENERATOR;

    public String configKey() {
        return "fleetsynth.services." + name().toLowerCase(java.util.Locale.ROOT) + "-url";
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT) + "-service";
    }
}
