package dev.fleetsynth.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedHostsTest {
    @Test
    void addressesAndLocalhostPassNamesMustBeListed() {
        assertThat(AllowedHosts.allows("127.0.0.1:8080", List.of())).isTrue();
        assertThat(AllowedHosts.allows("10.1.2.3", List.of())).isTrue();
        assertThat(AllowedHosts.allows("[::1]:8080", List.of())).isTrue();
        assertThat(AllowedHosts.allows("localhost:8080", List.of())).isTrue();
        assertThat(AllowedHosts.allows("rebound.attacker.example:8080", List.of()))
                .isFalse();
        assertThat(AllowedHosts.allows("127.0.0.1.attacker.example", List.of())).isFalse();
        assertThat(AllowedHosts.allows("fleetsynth.example.com", List.of("fleetsynth.example.com")))
                .isTrue();
        assertThat(AllowedHosts.allows("FLEETSYNTH.example.com:443", List.of("fleetsynth.example.com")))
                .isTrue();
        assertThat(AllowedHosts.allows("anything.example", List.of("*"))).isTrue();
    }
}
