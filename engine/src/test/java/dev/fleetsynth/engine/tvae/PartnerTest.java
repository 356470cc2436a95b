package dev.fleetsynth.engine.tvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PartnerTest {
    @Test
    void runsTasksOneAtATimeAndReportsAFailureOnce() throws Exception {
        Torch.engine();
        AtomicInteger runs = new AtomicInteger();
        try (Partner partner = new Partner()) {
            partner.submit(runs::incrementAndGet);
            partner.await();
            partner.submit(() -> {
                throw new IllegalArgumentException("shard failed");
            });
            assertThatThrownBy(partner::await)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shard failed");
            // it keeps working after a failure, also after parking between tasks
            Thread.sleep(20);
            partner.submit(runs::incrementAndGet);
            partner.await();
        }
        assertThat(runs).hasValue(2);
    }

    @Test
    void workAfterATaskRunsOnceTheTaskIsAwaitedAndItsFailureComesWithTheNextAwait() {
        Torch.engine();
        AtomicInteger order = new AtomicInteger();
        try (Partner partner = new Partner()) {
            partner.submit(() -> order.compareAndSet(0, 1), () -> {
                order.compareAndSet(1, 2);
                throw new IllegalStateException("prefetch failed");
            });
            partner.await();
            partner.submit(() -> order.compareAndSet(2, 3));
            assertThatThrownBy(partner::await).hasMessage("prefetch failed");
        }
        assertThat(order).hasValue(3);
    }
}
