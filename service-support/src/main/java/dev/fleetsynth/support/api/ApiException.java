package dev.fleetsynth.support.api;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** A failure the caller can act on, answered with its HTTP status and an {@link ApiError} body. */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final ApiError error;
    private final transient Long retryAfterSeconds;

    public ApiException(int status, ApiError error) {
        this(status, error, null);
    }

    public ApiException(int status, ApiError error, Long retryAfterSeconds) {
        super(error.message());
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, ApiError.of("NOT_FOUND", what + " does not exist"));
    }

    public static ApiException badRequest(String field, String message, String fix) {
        return new ApiException(
                400, new ApiError("BAD_REQUEST", message, List.of(new ApiError.Detail(field, message, fix))));
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, ApiError.of(code, message));
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(status).entity(error).type("application/json");
        if (retryAfterSeconds != null) {
            r.header("Retry-After", retryAfterSeconds);
        }
        return r.build();
    }
}
