package dev.fleetsynth.engine.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a profile from JSON, YAML or an Excel workbook, deciding the format by the file's content
 * and checking that it agrees with the file's name. Hostile input is refused early: files over
 * {@link #MAX_BYTES}, YAML alias bombs, deep nesting, zip bombs in workbooks (see {@link WorkbookCodec}).
 */
public final class ProfileReader {
    /** The largest profile file accepted, checked before any parsing. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /**
     * YAML's own limit: SnakeYAML reads one long value in time that grows with the square of its
     * length (a 1 MB value took 4.6 s, 3 MB 57 s, 9 MB over ten minutes), so a YAML file is refused
     * before parsing above this size, far above any real profile (a few kB).
     */
    public static final int MAX_YAML_BYTES = 256 * 1024;

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public ProfileReader() {
        json = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // what follows the profile (a second object, a second YAML document) is an error, not ignored
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        LoaderOptions options = new LoaderOptions();
        // Aliases of collections are what "billion laughs" documents are made of; a profile never needs one.
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit((int) MAX_BYTES);
        // Jackson reads YAML event by event, not through SnakeYAML's composer, so the nesting limit is set
        // here too, and aliases are refused by refuseAliases.
        yaml = YAMLMapper.builder(YAMLFactory.builder()
                        .loaderOptions(options)
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(20)
                                .build())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public ProfileRead read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            return tooLarge(size);
        }
        return read(Files.readAllBytes(file), file.getFileName().toString());
    }

    /** Reads at most {@link #MAX_BYTES} + 1 bytes of the stream, so an endless upload costs nothing. */
    public ProfileRead read(InputStream in, String fileName) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return tooLarge(bytes.length);
        }
        return read(bytes, fileName);
    }

    public ProfileRead read(byte[] bytes, String fileName) {
        if (bytes.length > MAX_BYTES) {
            return tooLarge(bytes.length);
        }
        if (bytes.length == 0) {
            return invalid(
                    "the file is empty",
                    "upload a profile; start from: fleetsynth template blank --format yaml --out profile.yaml");
        }
        String extension = extension(fileName);
        if (!extension.isEmpty() && ProfileFormat.fromName(extension).isEmpty()) {
            return extension.equals("xls")
                    ? invalid(
                            "legacy Excel 97-2003 (.xls) workbooks are not supported",
                            "save the workbook as .xlsx and upload that")
                    : invalid(
                            "unsupported file type '." + extension + "'",
                            "upload a .json, .yaml, .yml or .xlsx profile");
        }
        Content content = Content.of(bytes);
        ProfileFormat named = ProfileFormat.fromName(extension).orElse(null);
        ProfileFormat format;
        switch (content) {
            case ZIP -> {
                if (named != null && named != ProfileFormat.XLSX) {
                    return invalid(
                            "the file is named ." + extension + " but holds a ZIP archive or workbook",
                            "rename it to .xlsx if it is an Excel workbook, or export the profile as "
                                    + named.extension());
                }
                format = ProfileFormat.XLSX;
            }
            case OLE2 -> {
                return invalid(
                        "the file is a legacy Excel 97-2003 workbook or another OLE2 document",
                        "save the workbook as .xlsx and upload that");
            }
            case BINARY -> {
                return invalid(
                        "the file is binary, not a JSON, YAML or .xlsx profile",
                        "upload a .json, .yaml or .xlsx profile");
            }
            default -> {
                if (named == ProfileFormat.XLSX) {
                    return invalid(
                            "the file is named .xlsx but is not an Excel workbook (it is text)",
                            "rename it to .json or .yaml if it is a text profile, or save it from Excel as .xlsx");
                }
                format = named != null ? named : content == Content.JSON_TEXT ? ProfileFormat.JSON : ProfileFormat.YAML;
            }
        }
        if (format == ProfileFormat.YAML && bytes.length > MAX_YAML_BYTES) {
            return invalid(
                    "the YAML file is " + bytes.length + " bytes; YAML profiles are limited to " + MAX_YAML_BYTES / 1024
                            + " KB",
                    "a profile holds at most " + ProfileValidator.MAX_SENSORS
                            + " sensors and fits in a few kB: remove embedded data, " + "or send it as JSON");
        }
        Problems problems = new Problems();
        JsonNode tree = switch (format) {
            case JSON -> parseText(json, bytes, "JSON", problems);
            case YAML -> parseText(yaml, bytes, "YAML", problems);
            case XLSX -> WorkbookCodec.read(bytes, problems);
        };
        if (tree == null) {
            return new ProfileRead.Invalid(problems.list());
        }
        MachineProfile profile = ProfileTree.fromTree(tree, problems);
        ProfileValidator.validate(profile, problems);
        return problems.isEmpty() ? new ProfileRead.Valid(profile, format) : new ProfileRead.Invalid(problems.list());
    }

    private static JsonNode parseText(ObjectMapper mapper, byte[] bytes, String formatName, Problems problems) {
        try {
            if (mapper.getFactory() instanceof YAMLFactory) {
                refuseAliases(mapper, bytes);
            }
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                problems.add(
                        Problem.FILE,
                        "the " + formatName + " document is empty",
                        "write the profile's fields: machine_id, sensors, rul, ...");
                return null;
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0
                    ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String detail = e.getOriginalMessage();
            String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
            String suggestion;
            if (lower.contains("alias")) {
                suggestion = "write the values out instead of using YAML anchors and aliases (&name / *name)";
            } else if (lower.contains("end-of-input")
                    || lower.contains("end of input")
                    || lower.contains("unexpected end")) {
                suggestion = "the file looks cut off: upload the whole file";
            } else if (lower.contains("trailing token")) {
                suggestion = "a file holds one profile: remove what follows it (a second object or YAML document)";
            } else if (lower.contains("nesting depth")) {
                suggestion = "a profile nests only a few levels deep: write sensors and failure modes as plain lists";
            } else if (lower.contains("duplicate")) {
                suggestion = "remove the repeated field";
            } else {
                suggestion =
                        "check the " + formatName + " syntax" + (where.isEmpty() ? "" : " near line " + at.getLineNr())
                                + ": a missing comma, quote, bracket or wrong indentation";
            }
            problems.add(Problem.FILE, "malformed " + formatName + where + ": " + firstLine(detail), suggestion);
            return null;
        } catch (IOException e) {
            problems.add(Problem.FILE, "the file could not be read: " + e.getMessage(), "upload the file again");
            return null;
        }
    }

    /**
     * An alias would otherwise read as its anchor's name ({@code model: *m} as "m"), and aliases of
     * collections are what "billion laughs" documents are made of; a profile never needs one.
     */
    private static void refuseAliases(ObjectMapper mapper, byte[] bytes) throws IOException {
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new JsonParseException(parser, "YAML aliases are not supported, found *" + parser.getText());
                }
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static ProfileRead tooLarge(long size) {
        return invalid(
                "the file is " + size + " bytes; profiles are limited to " + MAX_BYTES / (1024 * 1024) + " MB",
                "a profile holds at most " + ProfileValidator.MAX_SENSORS
                        + " sensors and fits in a few kB: remove embedded data");
    }

    private static ProfileRead invalid(String message, String suggestion) {
        return new ProfileRead.Invalid(List.of(new Problem(Problem.FILE, message, suggestion)));
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** What the bytes are, judged by content alone. */
    private enum Content {
        ZIP,
        OLE2,
        BINARY,
        JSON_TEXT,
        OTHER_TEXT;

        static Content of(byte[] b) {
            if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
                return ZIP;
            }
            if (b.length >= 4
                    && (b[0] & 0xff) == 0xD0
                    && (b[1] & 0xff) == 0xCF
                    && (b[2] & 0xff) == 0x11
                    && (b[3] & 0xff) == 0xE0) {
                return OLE2;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b))
                        .toString();
            } catch (CharacterCodingException e) {
                return BINARY;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
                    return BINARY;
                }
            }
            String trimmed = text.strip();
            if (trimmed.startsWith("\uFEFF")) {
                trimmed = trimmed.substring(1).strip();
            }
            return trimmed.startsWith("{") || trimmed.startsWith("[") ? JSON_TEXT : OTHER_TEXT;
        }
    }
}
