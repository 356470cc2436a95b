package dev.fleetsynth.engine.profile;

import java.util.Locale;
import java.util.Optional;

/** The file formats a profile can be read from and written to. */
public enum ProfileFormat {
    JSON("json", "application/json"),
    YAML("yaml", "application/yaml"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String mediaType;

    ProfileFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a name such as {@code json} or {@code yml} stands for. */
    public static Optional<ProfileFormat> fromName(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "yaml", "yml" -> Optional.of(YAML);
            case "xlsx" -> Optional.of(XLSX);
            default -> Optional.empty();
        };
    }
}
