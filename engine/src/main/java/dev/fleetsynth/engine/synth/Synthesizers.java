package dev.fleetsynth.engine.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads any model directory by the {@code format} its {@code model.json} names. */
public final class Synthesizers {
    private Synthesizers() {}

    public static Synthesizer load(Path dir) throws IOException {
        Path json = dir.resolve(Synthesizer.JSON_FILE);
        if (!Files.isRegularFile(json)) {
            throw new IOException(dir + " holds no model (no " + Synthesizer.JSON_FILE + ")");
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        String format = root.path("format").asText();
        for (ModelKind kind : ModelKind.values()) {
            if (kind.format().equals(format)) {
                return kind.load(root, dir);
            }
        }
        throw new IOException(json + " names the model format '" + format + "', which this Fleetsynth does not know");
    }

    /** The versions a model records: Fleetsynth's, and Java's. */
    public static ObjectNode versions() {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        v.put("fleetsynth", dev.fleetsynth.engine.FleetsynthVersion.current());
        v.put("java", System.getProperty("java.version"));
        return v;
    }
}
