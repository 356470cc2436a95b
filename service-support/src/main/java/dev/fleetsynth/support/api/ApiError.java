package dev.fleetsynth.support.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error response: a stable code for programs, a message for people, and one
 * detail per problem (the field, what is wrong, and how to fix it).
 */
public record ApiError(String code, String message, List<Detail> details) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"field", "message"})
    public record Detail(String field, String message, String fix) {}

    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }
}
