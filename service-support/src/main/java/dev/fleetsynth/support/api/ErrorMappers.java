package dev.fleetsynth.support.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to {@code {code, message, details[]}}: the caller's mistakes to 4xx with what
 * to change, anything else to a 500 that names no internals.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> a + "." + b).orElse("(body)")
                : "(body)";
        String message = e.getOriginalMessage();
        return new ApiException(400, new ApiError("BAD_JSON", "the request body is not valid JSON for this call: " + message,
                List.of(new ApiError.Detail(field, message, "send a JSON object as documented at /q/openapi")))).toResponse();
    }

    /** Quarkus has its own mapper for these two; ours keeps every error in one shape. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response unparsable(com.fasterxml.jackson.core.JsonParseException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e) {
        return new ApiException(400, ApiError.of("BAD_REQUEST", e.getMessage())).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status < 500 ? "BAD_REQUEST" : "INTERNAL";
        };
        String message = status < 500 ? e.getMessage() : "internal error";
        return Response.status(status).entity(ApiError.of(code, message)).type("application/json").build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Response.status(500).entity(ApiError.of("INTERNAL", "internal error; the service log has the details"))
                .type("application/json").build();
    }
}
