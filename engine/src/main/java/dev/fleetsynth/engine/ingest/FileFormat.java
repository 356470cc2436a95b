package dev.fleetsynth.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** The formats ingestion reads, told apart by their first bytes, never by the file's name. */
public enum FileFormat {
    /** Delimited text: comma, semicolon, tab or pipe, with or without a header row. */
    DELIMITED,
    /** Text with values separated by runs of spaces (the way many simulation and lab exports are published). */
    WHITESPACE,
    /** An Excel workbook (.xlsx). */
    XLSX,
    PARQUET,
    /** An array of records, or one record per line (JSON Lines). */
    JSON;

    /** How much of the file's start is looked at. */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final Pattern SPACES = Pattern.compile("[ ]+|\\s+");

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileFormat detect(Path file) throws IOException, IngestException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length == 0) {
            throw IngestException.of(
                    "file",
                    null,
                    "the file is empty",
                    "give a file with a header row or --columns and at least one row");
        }
        if (startsWith(head, "PAR1")) {
            return PARQUET;
        }
        if (startsWith(head, "PK\u0003\u0004")) {
            return XLSX;
        }
        if (head.length >= 4
                && head[0] == (byte) 0xD0
                && head[1] == (byte) 0xCF
                && head[2] == 0x11
                && head[3] == (byte) 0xE0) {
            throw IngestException.of(
                    "file", null, "this is an old Excel workbook (.xls)", "save it as .xlsx or CSV and upload that");
        }
        if (startsWith(head, "\u001f\u008b") || startsWith(head, "BZh") || startsWith(head, "7z")) {
            throw IngestException.of(
                    "file", null, "this is a compressed archive", "unpack it and upload the data file inside");
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            throw IngestException.of(
                    "file",
                    null,
                    "the file is binary, not text (a NUL byte at byte " + nul + ")",
                    "give CSV, text, JSON, JSON Lines, Excel (.xlsx) or Parquet");
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            return JSON;
        }
        return whitespaceSeparated(text) ? WHITESPACE : DELIMITED;
    }

    /**
     * Lines without a comma, semicolon, tab or pipe that all split into the same number (two or more)
     * of values at runs of spaces. The last line of the sample may be cut, so it is left out.
     */
    static boolean whitespaceSeparated(String text) {
        String[] lines = text.split("\r?\n");
        int checked = 0;
        int fields = -1;
        for (int i = 0; i < lines.length - (lines.length > 1 ? 1 : 0); i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.indexOf(',') >= 0 || line.indexOf(';') >= 0 || line.indexOf('\t') >= 0 || line.indexOf('|') >= 0) {
                return false;
            }
            int n = SPACES.split(line).length;
            if (n < 2 || (fields >= 0 && n != fields)) {
                return false;
            }
            fields = n;
            checked++;
        }
        return checked > 0;
    }

    private static boolean startsWith(byte[] head, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= m.length && Arrays.equals(Arrays.copyOf(head, m.length), m);
    }
}
