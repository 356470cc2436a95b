package dev.fleetsynth.seed.upload;

import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Uploads of users' data files, in chunks, into the artifact store ({@code uploads/{id}/}): a file
 * of up to {@link UploadsConfig#maxBytes} arrives as chunks of {@link UploadsConfig#chunkBytes}, each request small
 * enough for every service's body limit and never held whole in memory; the declared size is
 * checked before the first byte, and the chunks are joined into {@code data} once all are there.
 */
@ApplicationScoped
public class Uploads {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    ArtifactStore store;

    @Inject
    UploadsConfig config;

    /** Chunks of more than the body limit could never arrive. */
    void checkSettings(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        if (config.chunkBytes() < 1024 || config.chunkBytes() > 10 * 1024 * 1024) {
            throw new IllegalStateException(
                    "fleetsynth.uploads.chunk-bytes must be 1 KiB..10 MiB, got " + config.chunkBytes());
        }
    }

    /** A new upload: its size is declared up front, so a file over the limit is refused before any byte is sent. */
    @Schema(requiredProperties = {"upload_id", "file_name", "bytes", "chunk_bytes", "chunks", "max_bytes"})
    public record Created(String uploadId, String fileName, long bytes, int chunkBytes, int chunks, long maxBytes) {}

    /** Where an upload stands. */
    @Schema(requiredProperties = {"upload_id", "file_name", "bytes", "chunks", "received", "complete"})
    public record Status(
            String uploadId, String fileName, long bytes, int chunks, List<Integer> received, boolean complete) {}

    public long maxBytes() {
        return config.maxBytes();
    }

    public Created create(String fileName, Long bytes) {
        if (bytes == null) {
            throw ApiException.badRequest("bytes", "bytes is missing", "give the file's size in bytes");
        }
        if (bytes < 1) {
            throw ApiException.badRequest(
                    "bytes", "the file is empty", "upload a file with a header row and data rows");
        }
        if (bytes > config.maxBytes()) {
            throw new ApiException(
                    413,
                    new ApiError(
                            "FILE_TOO_LARGE",
                            String.format(
                                    java.util.Locale.ROOT,
                                    "the file is %,d bytes, over the limit of %,d bytes (%.0f MiB)",
                                    bytes,
                                    config.maxBytes(),
                                    config.maxBytes() / 1048576.0),
                            List.of(new ApiError.Detail(
                                    "bytes",
                                    "over the limit",
                                    "split the file by unit or time and upload the parts one by one"))));
        }
        String name = fileName == null || fileName.isBlank() ? "data" : fileName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        String id = UUID.randomUUID().toString();
        int chunks = (int) ((bytes + config.chunkBytes() - 1) / config.chunkBytes());
        try {
            Files.createDirectories(chunkDir(id));
            AtomicFiles.write(
                    dir(id).resolve("upload.json"),
                    IngestRequest.JSON.writeValueAsBytes(
                            new Created(id, name, bytes, config.chunkBytes(), chunks, config.maxBytes())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Created(id, name, bytes, config.chunkBytes(), chunks, config.maxBytes());
    }

    public Status put(String uploadId, String indexText, byte[] body) {
        Created u = require(uploadId);
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                    "index",
                    "the chunk index must be a whole number, not '" + indexText + "'",
                    "use 0.." + (u.chunks() - 1));
        }
        if (index < 0 || index >= u.chunks()) {
            throw ApiException.badRequest("index", "chunk " + index + " is out of range", "use 0.." + (u.chunks() - 1));
        }
        long expected = index == u.chunks() - 1 ? u.bytes() - (long) index * u.chunkBytes() : u.chunkBytes();
        if (body == null || body.length != expected) {
            throw ApiException.badRequest(
                    "body",
                    "chunk " + index + " holds " + (body == null ? 0 : body.length) + " bytes, expected " + expected,
                    "send bytes " + (long) index * u.chunkBytes() + ".."
                            + ((long) index * u.chunkBytes() + expected - 1) + " of the file as the body");
        }
        if (Files.exists(dir(uploadId).resolve("data"))) {
            throw ApiException.conflict(
                    "UPLOAD_COMPLETE",
                    "upload '" + uploadId + "' is complete; start a new upload to send another file");
        }
        try {
            AtomicFiles.write(chunkDir(uploadId).resolve(index + ".part"), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return status(uploadId);
    }

    public Status status(String uploadId) {
        Created u = require(uploadId);
        boolean joined = Files.exists(dir(uploadId).resolve("data"));
        List<Integer> received = new java.util.ArrayList<>();
        for (int i = 0; i < u.chunks(); i++) {
            if (joined || Files.exists(chunkDir(uploadId).resolve(i + ".part"))) {
                received.add(i);
            }
        }
        return new Status(uploadId, u.fileName(), u.bytes(), u.chunks(), received, received.size() == u.chunks());
    }

    /** The whole file, joined from its chunks the first time it is asked for; a 409 while chunks are missing. */
    public Path data(String uploadId) {
        Created u = require(uploadId);
        Path data = dir(uploadId).resolve("data");
        if (Files.exists(data)) {
            return data;
        }
        Status s = status(uploadId);
        if (!s.complete()) {
            List<Integer> missing = new java.util.ArrayList<>();
            for (int i = 0; i < u.chunks() && missing.size() < 10; i++) {
                if (!s.received().contains(i)) {
                    missing.add(i);
                }
            }
            throw new ApiException(
                    409,
                    new ApiError(
                            "UPLOAD_INCOMPLETE",
                            "upload '" + uploadId + "' lacks chunks " + missing
                                    + (u.chunks() - s.received().size() > missing.size() ? " and more" : ""),
                            List.of(new ApiError.Detail(
                                    "chunks",
                                    (u.chunks() - s.received().size()) + " of " + u.chunks() + " chunks missing",
                                    "PUT each missing chunk to /uploads/" + uploadId + "/chunks/{index}"))));
        }
        try {
            AtomicFiles.write(data, tmp -> {
                try (OutputStream out =
                        Files.newOutputStream(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    for (int i = 0; i < u.chunks(); i++) {
                        Files.copy(chunkDir(uploadId).resolve(i + ".part"), out);
                    }
                }
            });
            AtomicFiles.deleteTree(chunkDir(uploadId));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return data;
    }

    /** The upload's directory relative to the store, for the ingest job. */
    public static String dataPath(String uploadId) {
        return "uploads/" + uploadId + "/data";
    }

    public String fileName(String uploadId) {
        return require(uploadId).fileName();
    }

    private Created require(String uploadId) {
        if (uploadId == null || !ID.matcher(uploadId).matches()) {
            throw ApiException.badRequest(
                    "upload_id",
                    "'" + uploadId + "' is not an upload id",
                    "use the upload_id that POST /uploads answered");
        }
        Path meta = dir(uploadId).resolve("upload.json");
        if (!Files.isRegularFile(meta)) {
            throw ApiException.notFound("upload '" + uploadId + "'");
        }
        try {
            return IngestRequest.JSON.readValue(Files.readString(meta, StandardCharsets.UTF_8), Created.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path dir(String uploadId) {
        return store.resolve("uploads/" + uploadId);
    }

    private Path chunkDir(String uploadId) {
        return dir(uploadId).resolve("chunks");
    }
}
