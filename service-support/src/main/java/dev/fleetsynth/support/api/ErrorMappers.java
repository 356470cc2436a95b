package dev.fleetsynth.support.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
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
                ? m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> a + "." + b)
                        .orElse("(body)")
                : "(body)";
        String message;
        String fix;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "unknown field '" + u.getPropertyName() + "'";
            fix = "use one of: "
                    + String.join(
                            ", ",
                            u.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .toList());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            // Jackson's own words name Java types; the caller needs the JSON one
            message = field + " must be " + expected(m.getTargetType());
            fix = "send " + field + " as " + expected(m.getTargetType());
        } else {
            message = "the request body is not valid JSON for this call: " + e.getOriginalMessage();
            fix = "send a JSON object as documented at /q/openapi";
        }
        return new ApiException(
                        400, new ApiError("BAD_JSON", message, List.of(new ApiError.Detail(field, message, fix))))
                .toResponse();
    }

    /** What a Java type is called in JSON. */
    static String expected(Class<?> type) {
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class) {
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
        String message =
                status == 400 ? "the request could not be read" : status < 500 ? e.getMessage() : "internal error";
        // what was wrong, by name, where the status alone says it (the path and the body have their own mappers)
        List<ApiError.Detail> details = switch (status) {
            case 405 ->
                List.of(new ApiError.Detail(
                        "method",
                        "this path does not take this method",
                        "see /q/openapi for the methods each path takes"));
            case 413 ->
                List.of(new ApiError.Detail(
                        "(body)",
                        "the body is larger than this call takes",
                        "send a smaller body; data files go in chunks through /api/gan/uploads"));
            case 415 ->
                List.of(new ApiError.Detail(
                        "Content-Type",
                        "this call does not read a body of this type",
                        "send the type /q/openapi lists for it, usually application/json"));
            // a body no JSON parser reads: cut short, not UTF-8, nested too deep, a number too long
            case 400 ->
                e.getCause() instanceof com.fasterxml.jackson.core.JacksonException
                                || e.getCause() instanceof java.io.CharConversionException
                        ? List.of(new ApiError.Detail(
                                "(body)",
                                "the body is not JSON that can be read (cut short, not UTF-8, "
                                        + "nested deeper than 1,000 levels, or a number with too many digits)",
                                "send one JSON object, e.g. {}"))
                        : List.of(new ApiError.Detail(
                                "(request)",
                                "the request could not be read",
                                "check its path, query and body against /q/openapi"));
            default -> List.of();
        };
        return Response.status(status)
                .entity(new ApiError(code, message, details))
                .type("application/json")
                .build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return Response.status(500)
                .entity(ApiError.of("INTERNAL", "internal error; the service log has the details"))
                .type("application/json")
                .build();
    }
}
