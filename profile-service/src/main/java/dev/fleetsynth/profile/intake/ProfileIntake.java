package dev.fleetsynth.profile.intake;

import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.Problem;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Turns uploaded bytes into a valid profile, or into a 4xx naming every problem. The format comes
 * from the file name when there is one, else from the content type.
 */
@ApplicationScoped
public class ProfileIntake {
    private final ProfileReader reader = new ProfileReader();

    public ProfileRead read(byte[] content, String fileName, String contentType) {
        if (content == null || content.length == 0) {
            throw ApiException.badRequest(
                    "file",
                    "no profile was sent",
                    "send the profile as a multipart field named 'file', or as the request body with its content type");
        }
        if (content.length > ProfileReader.MAX_BYTES) {
            throw new ApiException(
                    413,
                    new ApiError(
                            "TOO_LARGE",
                            "the profile is " + content.length + " bytes; the limit is " + ProfileReader.MAX_BYTES,
                            List.of(new ApiError.Detail("file", "too large", "send a profile under 10 MB"))));
        }
        return reader.read(
                content, fileName != null && fileName.contains(".") ? fileName : "profile." + extension(contentType));
    }

    public MachineProfile requireValid(byte[] content, String fileName, String contentType) {
        ProfileRead read = read(content, fileName, contentType);
        if (read instanceof ProfileRead.Invalid invalid) {
            throw invalid(invalid.problems());
        }
        return ((ProfileRead.Valid) read).profile();
    }

    public static ApiException invalid(List<Problem> problems) {
        List<ApiError.Detail> details = problems.stream()
                .map(p -> new ApiError.Detail(p.path(), p.message(), p.suggestion()))
                .toList();
        String summary = problems.size() == 1
                ? "the profile has 1 problem: " + problems.get(0)
                : "the profile has " + problems.size() + " problems; see details";
        return new ApiException(422, new ApiError("INVALID_PROFILE", summary, details));
    }

    static String extension(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("yaml") || type.contains("yml")) {
            return "yaml";
        }
        if (type.contains("spreadsheetml") || type.contains("excel")) {
            return "xlsx";
        }
        if (type.contains("json")) {
            return "json";
        }
        throw new ApiException(
                415,
                new ApiError(
                        "UNSUPPORTED_MEDIA_TYPE",
                        "cannot tell the profile's format from content type '" + contentType + "'",
                        List.of(
                                new ApiError.Detail(
                                        "Content-Type",
                                        "unknown profile format",
                                        "use application/json, application/yaml or "
                                                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, or upload a file named .json/.yaml/.xlsx"))));
    }
}
