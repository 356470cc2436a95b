package dev.fleetsynth.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This build's version, as models record it. From a resource the build writes, not the jar's
 * manifest: a class's package does not carry the manifest's version in every class loader (model.json
 * said "null" when it was read that way).
 */
public final class FleetsynthVersion {
    private static final String VERSION = read();

    private FleetsynthVersion() {}

    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = FleetsynthVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the engine's build");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
