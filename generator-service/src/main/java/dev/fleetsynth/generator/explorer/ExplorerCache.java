package dev.fleetsynth.generator.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Explorer answers kept in Redis as the JSON sent to the client. Datasets never change, so an answer
 * is right for as long as it is kept; the hour's expiry only bounds the memory that datasets nobody
 * looks at any more hold. Redis being down costs speed, never an answer: it is then computed.
 */
@ApplicationScoped
public class ExplorerCache {
    private static final Logger LOG = Logger.getLogger(ExplorerCache.class);
    static final Duration TTL = Duration.ofHours(1);
    /** Bumped when the shape of an answer changes, so that no old answer is served in the new shape. */
    static final String PREFIX = "fleetsynth:generator:explorer:v1:";

    /** The JSON of an answer, and whether it came from the cache. */
    public record Answer(String json, boolean hit) {}

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    private ValueCommands<String, String> values;

    @PostConstruct
    void init() {
        values = redis.value(String.class);
    }

    public Answer get(String key, Supplier<Object> compute) {
        String fullKey = PREFIX + key;
        try {
            String cached = values.get(fullKey);
            if (cached != null) {
                return new Answer(cached, true);
            }
        } catch (RuntimeException e) {
            LOG.warnf("explorer cache unavailable (%s); computing %s", e.getMessage(), key);
        }
        String json;
        try {
            json = mapper.writeValueAsString(compute.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer for " + key, e);
        }
        try {
            values.setex(fullKey, TTL.toSeconds(), json);
        } catch (RuntimeException e) {
            LOG.warnf("explorer cache unavailable (%s); %s not kept", e.getMessage(), key);
        }
        return new Answer(json, false);
    }
}
