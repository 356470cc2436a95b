package dev.fleetsynth.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrainingThreadsTest {
    @Test
    void aConfiguredCountWinsAndTheDefaultTakesTwoThreadsOnlyWithFourCores() {
        assertThat(TrainingJobs.threads(OptionalInt.of(1), 16)).isEqualTo(1);
        assertThat(TrainingJobs.threads(OptionalInt.of(2), 2)).isEqualTo(2);
        assertThat(TrainingJobs.threads(OptionalInt.empty(), 2)).isEqualTo(1);
        assertThat(TrainingJobs.threads(OptionalInt.empty(), 3)).isEqualTo(1);
        assertThat(TrainingJobs.threads(OptionalInt.empty(), 4)).isEqualTo(2);
    }
}
