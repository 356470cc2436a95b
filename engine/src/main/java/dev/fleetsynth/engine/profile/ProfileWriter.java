package dev.fleetsynth.engine.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes a profile as JSON, YAML or an Excel workbook; {@link ProfileReader} reads each back to the same record. */
public final class ProfileWriter {
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    public byte[] write(MachineProfile profile, ProfileFormat format) {
        try {
            return switch (format) {
                case JSON -> (json.writeValueAsString(ProfileTree.toTree(profile)) + "\n").getBytes(StandardCharsets.UTF_8);
                case YAML -> yaml.writeValueAsBytes(ProfileTree.toTree(profile));
                case XLSX -> WorkbookCodec.write(profile);
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
