package dev.fleetsynth.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SameOriginTest {
    @Test
    void thePagesOwnAddressMayWrite() {
        assertThat(SameOrigin.allows("http://localhost:8080", "localhost:8080", List.of()))
                .isTrue();
        assertThat(SameOrigin.allows("http://127.0.0.1:8080/#/machines", "127.0.0.1:8080", List.of()))
                .isTrue();
        assertThat(SameOrigin.allows("https://fleet.example.com", "fleet.example.com", List.of()))
                .isTrue();
        assertThat(SameOrigin.allows("https://FLEET.example.com:443", "fleet.example.com", List.of()))
                .isTrue();
    }

    @Test
    void anotherSiteMayNot() {
        assertThat(SameOrigin.allows("http://evil.example", "127.0.0.1:8080", List.of()))
                .isFalse();
        assertThat(SameOrigin.allows("http://localhost:8081", "localhost:8080", List.of()))
                .isFalse();
        assertThat(SameOrigin.allows("https://localhost:8080", "localhost:8080", List.of()))
                .as("TLS ended in front of the gateway")
                .isTrue();
        assertThat(SameOrigin.allows("null", "localhost:8080", List.of())).isFalse();
        assertThat(SameOrigin.allows("http://evil.example", null, List.of())).isFalse();
    }

    @Test
    void aConfiguredSiteMay() {
        assertThat(SameOrigin.allows("https://tools.example.com", "gateway:8080", List.of("https://tools.example.com")))
                .isTrue();
        assertThat(SameOrigin.allows(
                        "https://tools.example.com:8443", "gateway:8080", List.of("https://tools.example.com")))
                .isFalse();
    }
}
