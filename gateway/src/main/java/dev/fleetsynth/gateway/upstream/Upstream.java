package dev.fleetsynth.gateway.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The gateway's calls to the services, through their typed REST clients ({@link ProfileClient},
 * {@link SeedClient}, {@link TrainerClient}, {@link GeneratorClient}; connect and read timeouts in
 * the configuration). A relayed answer passes through unchanged (status, body as a stream, content
 * type, download name), so a service's 4xx reaches the caller as the service wrote it; a service that
 * does not answer becomes a 503 naming it.
 *
 * <p>Each service's calls go through a circuit breaker (SmallRye Fault Tolerance): once half of the
 * last {@value #BREAKER_WINDOW} calls found the service not answering, the gateway stops asking it
 * for {@value #BREAKER_OPEN_SECONDS} s and answers 503 at once, instead of holding every request for
 * its connect timeout while the service is down or restarting; then one call tries it again. A read
 * whose connection was refused is tried twice more, 250 ms apart, around the breaker (a service that
 * is just coming back; each try counts for the breaker); a timeout is not, nor is a write, which may
 * have been done.
 *
 * <p>Each client declares its own {@code ready()} (and {@code cancel()} for the three that run jobs)
 * rather than inheriting them from a shared interface: Quarkus' REST client (3.34) made the parent
 * interface a client of its own and left the children without an implementation. The clients use
 * {@code @PathParam}/{@code @QueryParam}, not {@code @RestPath}/{@code @RestQuery}, for the same reason
 * of generation: with the latter, the methods after the first were left out, silently.
 */
@ApplicationScoped
public class Upstream {
    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "Content-Disposition", "Location");
    static final int BREAKER_WINDOW = 10;
    static final int BREAKER_OPEN_SECONDS = 5;

    private final Map<Service, Guard> breakers = new EnumMap<>(Service.class);
    private final Map<Service, Guard> retries = new EnumMap<>(Service.class);
    private final Map<Service, Supplier<Response>> readiness = new EnumMap<>(Service.class);

    @Inject
    ObjectMapper json;

    @Inject
    Upstream(
            @RestClient ProfileClient profile,
            @RestClient SeedClient seed,
            @RestClient TrainerClient trainer,
            @RestClient GeneratorClient generator) {
        readiness.put(Service.PROFILE, profile::ready);
        readiness.put(Service.SEED, seed::ready);
        readiness.put(Service.TRAINER, trainer::ready);
        readiness.put(Service.GENERATOR, generator::ready);
        for (Service s : Service.values()) {
            breakers.put(
                    s,
                    Guard.create()
                            .withCircuitBreaker()
                            .name(breakerName(s))
                            .requestVolumeThreshold(BREAKER_WINDOW)
                            .failureRatio(0.5)
                            .delay(BREAKER_OPEN_SECONDS, ChronoUnit.SECONDS)
                            .successThreshold(1)
                            .done()
                            .build());
            retries.put(
                    s,
                    Guard.create()
                            .withRetry()
                            .maxRetries(2)
                            .delay(250, ChronoUnit.MILLIS)
                            .jitter(0, ChronoUnit.MILLIS)
                            .retryOn(Unreachable.class)
                            .abortOn(CircuitBreakerOpenException.class)
                            .done()
                            .build());
        }
    }

    Upstream() {
        // for CDI proxies
    }

    /** A read (tried again if the connection was refused), its answer relayed. */
    public Response read(Service service, Supplier<Response> call) {
        return relay(send(service, true, call));
    }

    /** A write (never tried again: it may have been done), its answer relayed. */
    public Response write(Service service, Supplier<Response> call) {
        return relay(send(service, false, call));
    }

    /** A read answered as JSON; a 404 is an empty answer, any other failure an ApiException as the service gave it. */
    public Optional<JsonNode> readJson(Service service, Supplier<Response> call) {
        try (Response answer = send(service, true, call)) {
            if (answer.getStatus() == 404) {
                return Optional.empty();
            }
            return Optional.of(body(service, answer));
        }
    }

    /** A write answered as JSON; a failure is an ApiException as the service gave it. */
    public JsonNode writeJson(Service service, Supplier<Response> call) {
        try (Response answer = send(service, false, call)) {
            return body(service, answer);
        }
    }

    /** Whether the service answers its readiness check (asked directly, whatever its circuit breaker says). */
    public boolean ready(Service service) {
        try (Response answer = readiness.get(service).get()) {
            return answer.getStatus() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The state of the service's circuit breaker: closed (asked), open (not asked for now) or half_open (one call tries it). */
    public String circuit(Service service) {
        return CircuitBreakerMaintenance.get()
                .currentState(breakerName(service))
                .name()
                .toLowerCase(Locale.ROOT);
    }

    private static String breakerName(Service service) {
        return "upstream-" + service.label();
    }

    private Response send(Service service, boolean read, Supplier<Response> call) {
        Guard breaker = breakers.get(service);
        Callable<Response> once = () -> breaker.call(() -> exchange(service, call), Response.class);
        try {
            return read ? retries.get(service).call(once, Response.class) : once.call();
        } catch (CircuitBreakerOpenException e) {
            throw new ApiException(
                    503,
                    ApiError.of(
                            "SERVICE_UNAVAILABLE",
                            service.label() + " did not answer the last calls, so the " + "gateway does not ask it for "
                                    + BREAKER_OPEN_SECONDS
                                    + " s; it may be starting or down (see GET /api/gan/health)"),
                    (long) BREAKER_OPEN_SECONDS);
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(service);
        }
    }

    private Response exchange(Service service, Supplier<Response> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            // The REST client wraps what went wrong (a ProcessingException); a refused connection reached
            // nothing and is safe to try again, a timeout may have (the service may still be working on it).
            throw refused(e) ? new Unreachable(service) : unavailable(service);
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private Response relay(Response answer) {
        Response.ResponseBuilder r = Response.status(answer.getStatus());
        for (String h : PASSED_HEADERS) {
            String v = answer.getHeaderString(h);
            if (v != null) {
                r.header(h, h.equals("Location") ? "/api/gan" + v : v);
            }
        }
        if (!answer.hasEntity()) {
            answer.close();
            return r.build();
        }
        InputStream body = answer.readEntity(InputStream.class);
        StreamingOutput stream = out -> {
            try (answer;
                    InputStream in = body) {
                in.transferTo(out);
            }
        };
        return r.entity(stream).build();
    }

    private JsonNode body(Service service, Response answer) {
        JsonNode body;
        try {
            body = json.readTree(answer.readEntity(byte[].class));
        } catch (IOException | RuntimeException e) {
            throw new ApiException(
                    502, ApiError.of("BAD_UPSTREAM_ANSWER", service.label() + " answered something that is not JSON"));
        }
        if (answer.getStatus() >= 400) {
            throw relayed(answer.getStatus(), body);
        }
        return body;
    }

    private ApiException relayed(int status, JsonNode body) {
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
        return new ApiException(
                503,
                ApiError.of(
                        "SERVICE_UNAVAILABLE",
                        service.label() + " does not answer; it may be starting or down (see GET /api/gan/health)"),
                5L);
    }
}
