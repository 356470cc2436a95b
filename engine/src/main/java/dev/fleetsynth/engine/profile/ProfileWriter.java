package dev.fleetsynth.engine.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes a profile as JSON, YAML or an Excel workbook; {@link ProfileReader} reads each back to the same record. */
public final class ProfileWriter {
    private final ObjectMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new QuoteNumberLikeText())
            .build());

    /**
     * Minimal quotes, but text that a YAML reader takes for a number ({@code model: 1.50}, {@code 1e3},
     * {@code 0x1F}, {@code 1_000}, {@code .inf}) is quoted, so that it reads back as the same text.
     */
    private static final class QuoteNumberLikeText extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || (!value.isEmpty() && "0123456789+-.".indexOf(value.charAt(0)) >= 0);
        }
    }

    public byte[] write(MachineProfile profile, ProfileFormat format) {
        try {
            return switch (format) {
                case JSON ->
                    (json.writeValueAsString(ProfileTree.toTree(profile)) + "\n").getBytes(StandardCharsets.UTF_8);
                case YAML -> yaml.writeValueAsBytes(ProfileTree.toTree(profile));
                case XLSX -> WorkbookCodec.write(profile);
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
