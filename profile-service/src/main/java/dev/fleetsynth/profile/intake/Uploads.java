package dev.fleetsynth.profile.intake;

import dev.fleetsynth.support.api.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Reads a multipart file field. */
public final class Uploads {
    public record Upload(byte[] content, String fileName, String contentType) {}

    private Uploads() {}

    public static Upload read(FileUpload file) {
        if (file == null) {
            throw ApiException.badRequest(
                    "file",
                    "no file field in the upload",
                    "send the profile as a multipart/form-data field named 'file'");
        }
        try {
            return new Upload(Files.readAllBytes(file.uploadedFile()), file.fileName(), file.contentType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
