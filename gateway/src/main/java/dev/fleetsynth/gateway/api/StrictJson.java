package dev.fleetsynth.gateway.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The public API reads bodies strictly: an unknown field ({@code {"rowz": 5}} seeded with defaults)
 * and a fraction where a whole number belongs ({@code {"rows": 1.5}} became 1) are 400s naming the
 * field (see ErrorMappers), never a silent default.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
