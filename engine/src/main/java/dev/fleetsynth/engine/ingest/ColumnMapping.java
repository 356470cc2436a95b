package dev.fleetsynth.engine.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How the columns of a user's file become the columns of a source: each column's target name, role
 * and kind, and how RUL is labelled. Saved as JSON beside the data (and in {@code ingest.json}); given
 * back for the next file of the same {@link #shape()}, it is applied as it is, so a plant's monthly
 * export is mapped once.
 *
 * @param shape   the file's column names in order: a mapping applies to files with exactly these
 * @param columns one entry per column of the file
 * @param rulFrom where RUL comes from
 * @param rulCap  the cap on RUL, if any
 * @param profile the machine profile the columns were mapped onto, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"shape", "columns", "rul_from"})
public record ColumnMapping(
        List<String> shape,
        List<Entry> columns,
        @JsonProperty("rul_from") RulFrom rulFrom,
        @JsonProperty("rul_cap") Double rulCap,
        String profile) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Where a row's RUL comes from. */
    public enum RulFrom {
        /** A column of the file. */
        COLUMN,
        /** Each unit fails at its last row. */
        END,
        /** Each failure event (flag 1, or a failure label) ends a life. */
        EVENTS,
        /** The data has no RUL: rows are learnt as a table. */
        NONE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param source the column in the user's file
     * @param target its name in the source (a profile's sensor name, or the source name)
     * @param role   what it is for
     * @param kind   what it holds
     * @param score  how well the name matched the target (0..1), for mapped columns
     * @param reason why this role or target, in plain words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"source", "target", "role", "kind"})
    public record Entry(String source, String target, Role role, ColumnKind kind, Double score, String reason) {
        public Entry {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(kind, "kind");
        }

        public Entry withTarget(String newTarget, Double newScore, String newReason) {
            return new Entry(source, newTarget, role, kind, newScore, newReason);
        }

        public Entry withRole(Role newRole, String newReason) {
            return new Entry(source, target, newRole, kind, score, newReason);
        }
    }

    public ColumnMapping {
        shape = List.copyOf(shape);
        columns = List.copyOf(columns);
        Objects.requireNonNull(rulFrom, "rulFrom");
    }

    public Optional<Entry> entry(String source) {
        return columns.stream().filter(e -> e.source().equals(source)).findFirst();
    }

    @JsonIgnore
    public Optional<Entry> withRole(Role role) {
        return columns.stream().filter(e -> e.role() == role).findFirst();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void save(Path file) throws IOException {
        dev.fleetsynth.engine.io.AtomicFiles.write(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A mapping file, or {@code mapping} in an {@code ingest.json}. */
    public static ColumnMapping read(Path file) throws IOException {
        var tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        var node = tree.has("mapping") ? tree.get("mapping") : tree;
        try {
            return JSON.treeToValue(node, ColumnMapping.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not a column mapping (made by fleetsynth ingest): " + e.getMessage());
        }
    }

    public static ColumnMapping fromJson(String json) throws IOException {
        try {
            return JSON.readValue(json, ColumnMapping.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new IOException("not a column mapping: " + e.getMessage());
        }
    }
}
