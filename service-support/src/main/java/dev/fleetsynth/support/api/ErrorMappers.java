package dev.fleetsynth.support.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
        String message;
        String fix;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "'";
            fix = "use one of: " + String.join(", ", u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            // Jackson's own words name Java types; the caller needs the JSON one
            message = field + " must be " + expected(m.getTargetType());
            fix = "send " + field + " as " + expected(m.getTargetType());
        } else {
            message = "the request body is not valid JSON for this call: " + e.getOriginalMessage();
            fix = "send a JSON object as documented at /q/openapi";
        }
        return new ApiException(400, new ApiError("BAD_JSON", message, List.of(new ApiError.Detail(field, message, fix)))).toResponse();
    }

    /** What a Java type is called in JSON. */
    static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a JSON object";
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
