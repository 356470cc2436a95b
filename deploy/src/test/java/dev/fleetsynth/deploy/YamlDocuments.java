package dev.fleetsynth.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads every document of a (multi-document) YAML file, each tagged with where it came from. */
final class YamlDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private YamlDocuments() {}

    /**
     * One YAML document.
     *
     * @param file  the file, relative to the repository root (as messages show it)
     * @param index 1-based position of the document in its file
     */
    record Doc(String file, int index, JsonNode node) {

        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        /** "deploy/k8s/x.yaml [Deployment x]", the prefix of every message about this document. */
        String where() {
            String what = kind().isEmpty() ? "document " + index : kind() + " " + name();
            return file + " [" + what + "]";
        }
    }

    /**
     * Parses all documents of {@code file}; empty documents (a lone comment, a trailing "---") are
     * skipped. A file that is not valid YAML fails with its name in the message.
     */
    static List<Doc> read(Path root, Path file) {
        String shown = root.relativize(file).toString().replace('\\', '/');
        List<Doc> docs = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) MAPPER.getFactory().createParser(file.toFile())) {
            List<JsonNode> nodes = MAPPER.readValues(parser, JsonNode.class).readAll();
            int index = 0;
            for (JsonNode node : nodes) {
                index++;
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    docs.add(new Doc(shown, index, node));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(shown + ": not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** Parses a file that must hold exactly one document. */
    static Doc readSingle(Path root, Path file) {
        List<Doc> docs = read(root, file);
        if (docs.size() != 1) {
            throw new IllegalStateException(
                    root.relativize(file) + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }
}
