package dev.fleetsynth.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
    @Test
    void anIdFollowsFromItsPartsAndStaysWhatItWasBeforeItHadOnePlace() {
        UUID job = UUID.fromString("6f0c2a52-4f1e-4d39-9b43-2b6cf7e0c0aa");
        // the ids services already published are kept: "topic:job" as they were built by hand
        assertThat(EventIds.result(Topics.SEED_READY, job))
                .isEqualTo(UUID.nameUUIDFromBytes(("seed.ready:" + job).getBytes(StandardCharsets.UTF_8)));
        assertThat(EventIds.derived("job.failed", job, "cancelled"))
                .isEqualTo(
                        UUID.nameUUIDFromBytes(("job.failed:" + job + ":cancelled").getBytes(StandardCharsets.UTF_8)));
        assertThat(EventIds.result(Topics.MODEL_TRAINED, job))
                .isEqualTo(EventIds.result(Topics.MODEL_TRAINED, job))
                .isNotEqualTo(EventIds.result(Topics.DATASET_GENERATED, job));
    }
}
