package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdsTest {
    private final Thresholds t = Thresholds.DEFAULT;

    @Test
    void gradesAtTheEdges() {
        assertThat(t.grade(0.74)).isEqualTo(Grade.FAILED);
        assertThat(t.grade(0.75)).isEqualTo(Grade.ACCEPTABLE);
        assertThat(t.grade(0.8499)).isEqualTo(Grade.ACCEPTABLE);
        assertThat(t.grade(0.85)).isEqualTo(Grade.GOOD);
        assertThat(t.grade(0.8999)).isEqualTo(Grade.GOOD);
        assertThat(t.grade(0.90)).isEqualTo(Grade.EXCELLENT);
        assertThat(t.grade(Double.NaN)).isEqualTo(Grade.FAILED);
        assertThat(Grade.ACCEPTABLE.label()).isEqualTo("acceptable");
    }

    @Test
    void passesFromTheMinimum() {
        assertThat(t.passes(0.74)).isFalse();
        assertThat(t.passes(0.75)).isTrue();
        assertThat(t.passes(Double.NaN)).isFalse();
    }

    @Test
    void rejectsThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new Thresholds(0.9, 0.85, 0.95)).isInstanceOf(IllegalArgumentException.class);
    }
}
