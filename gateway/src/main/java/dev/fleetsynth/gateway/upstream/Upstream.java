package dev.fleetsynth.gateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.Guard;

/**
 * HTTP calls from the gateway to the services. Answers pass through unchanged (status, body,
 * content type, download name), so a service's 4xx reaches the caller as the service wrote it;
 * a service that does not answer becomes a 503 naming it.
 *
 * <p>Each service's calls go through a circuit breaker (SmallRye Fault Tolerance): once half of the
 * last {@value #BREAKER_WINDOW} calls found the service not answering, the gateway stops asking it
 * for {@value #BREAKER_OPEN_SECONDS} s and answers 503 at once, instead of holding every request for
 * its connect timeout while the service is down or restarting; then one call tries it again. A read
 * whose connection was refused is tried twice more, 250 ms apart, around the breaker (a service that
 * is just coming back; each try counts for the breaker); a timeout is not, nor is a write, which may
 * have been done.
 */
@ApplicationScoped
public class Upstream {
    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "Content-Disposition", "Location");
    static final int BREAKER_WINDOW = 10;
    static final int BREAKER_OPEN_SECONDS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Service, String> baseUrls = new EnumMap<>(Service.class);
    private final Map<Service, Guard> breakers = new EnumMap<>(Service.class);
    private final Map<Service, Guard> retries = new EnumMap<>(Service.class);

    @Inject
    ObjectMapper json;

    @Inject
    Upstream(Config config) {
        for (Service s : Service.values()) {
            baseUrls.put(s, config.getValue(s.configKey(), String.class).replaceAll("/+$", ""));
            breakers.put(s, Guard.create()
                    .withCircuitBreaker().name(breakerName(s)).requestVolumeThreshold(BREAKER_WINDOW).failureRatio(0.5)
                    .delay(BREAKER_OPEN_SECONDS, ChronoUnit.SECONDS).successThreshold(1).done()
                    .build());
            retries.put(s, Guard.create()
                    .withRetry().maxRetries(2).delay(250, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                    .retryOn(Unreachable.class).abortOn(CircuitBreakerOpenException.class).done()
                    .build());
        }
    }

    Upstream() {
        // for CDI proxies
    }

    /** Forwards a call and relays the answer, streaming its body. */
    public Response forward(Service service, String method, String pathAndQuery, byte[] body, String contentType) {
        HttpResponse<InputStream> answer = send(service, method, pathAndQuery, body, contentType, HttpResponse.BodyHandlers.ofInputStream());
        Response.ResponseBuilder r = Response.status(answer.statusCode());
        for (String h : PASSED_HEADERS) {
            answer.headers().firstValue(h).ifPresent(v -> r.header(h, h.equals("Location") ? "/api/gan" + v : v));
        }
        StreamingOutput stream = out -> {
            try (InputStream in = answer.body()) {
                in.transferTo(out);
            }
        };
        return r.entity(stream).build();
    }

    public Response get(Service service, String pathAndQuery) {
        return forward(service, "GET", pathAndQuery, null, null);
    }

    /** GET as JSON; a 404 is an empty answer, any other failure an ApiException as the service gave it. */
    public Optional<JsonNode> getJson(Service service, String pathAndQuery) {
        HttpResponse<byte[]> answer = send(service, "GET", pathAndQuery, null, null, HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(service, answer.body());
        if (answer.statusCode() >= 400) {
            throw relay(answer.statusCode(), body);
        }
        return Optional.of(body);
    }

    public JsonNode postJson(Service service, String pathAndQuery) {
        HttpResponse<byte[]> answer = send(service, "POST", pathAndQuery, new byte[0], "application/json", HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = parse(service, answer.body());
        if (answer.statusCode() >= 400) {
            throw relay(answer.statusCode(), body);
        }
        return body;
    }

    /** POST of a JSON body, answered as JSON; a failure is an ApiException as the service gave it. */
    public JsonNode postJson(Service service, String pathAndQuery, JsonNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<byte[]> answer = send(service, "POST", pathAndQuery, bytes, "application/json", HttpResponse.BodyHandlers.ofByteArray());
        JsonNode parsed = parse(service, answer.body());
        if (answer.statusCode() >= 400) {
            throw relay(answer.statusCode(), parsed);
        }
        return parsed;
    }

    /** Whether the service answers its readiness check (asked directly, whatever its circuit breaker says). */
    public boolean ready(Service service) {
        try {
            return exchange(service, "GET", "/q/health/ready", null, null, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (ApiException e) {
            return false;
        }
    }

    /** The state of the service's circuit breaker: closed (asked), open (not asked for now) or half_open (one call tries it). */
    public String circuit(Service service) {
        return CircuitBreakerMaintenance.get().currentState(breakerName(service)).name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String breakerName(Service service) {
        return "upstream-" + service.label();
    }

    @SuppressWarnings("unchecked")
    private <T> HttpResponse<T> send(Service service, String method, String pathAndQuery, byte[] body, String contentType,
            HttpResponse.BodyHandler<T> handler) {
        Guard breaker = breakers.get(service);
        Callable<HttpResponse> once = () -> breaker.call(() -> exchange(service, method, pathAndQuery, body, contentType, handler),
                HttpResponse.class);
        try {
            return "GET".equals(method) ? retries.get(service).call(once, HttpResponse.class) : once.call();
        } catch (CircuitBreakerOpenException e) {
            throw new ApiException(503, ApiError.of("SERVICE_UNAVAILABLE", service.label() + " did not answer the last calls, so the "
                    + "gateway does not ask it for " + BREAKER_OPEN_SECONDS + " s; it may be starting or down (see GET /api/gan/health)"),
                    (long) BREAKER_OPEN_SECONDS);
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(service);
        }
    }

    private <T> HttpResponse<T> exchange(Service service, String method, String pathAndQuery, byte[] body, String contentType,
            HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrls.get(service) + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new Unreachable(service); // nothing reached the service: safe to try again
        } catch (HttpTimeoutException e) {
            throw unavailable(service); // it may still be working on it: not tried again
        } catch (IOException e) {
            throw unavailable(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(service);
        }
    }

    private JsonNode parse(Service service, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ApiException(502, ApiError.of("BAD_UPSTREAM_ANSWER", service.label() + " answered something that is not JSON"));
        }
    }

    private ApiException relay(int status, JsonNode body) {
        try {
            return new ApiException(status, json.treeToValue(body, ApiError.class));
        } catch (IOException | IllegalArgumentException e) {
            return new ApiException(status, ApiError.of("UPSTREAM_ERROR", body.toString()));
        }
    }

    /** A service that refused the connection: a read is tried again (a timeout is not: the service may be busy with it). */
    private static final class Unreachable extends ApiException {
        private static final long serialVersionUID = 1L;

        Unreachable(Service service) {
            super(503, unavailable(service).error(), 5L);
        }
    }

    private static ApiException unavailable(Service service) {
        return new ApiException(503, ApiError.of("SERVICE_UNAVAILABLE", service.label()
                + " does not answer; it may be starting or down (see GET /api/gan/health)"), 5L);
    }
}
