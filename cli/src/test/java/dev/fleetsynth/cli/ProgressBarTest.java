package dev.fleetsynth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.engine.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void silentDuringTheFirstSecondThenDrawsInPlace() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text, true), true, now::get)) {
            ProgressListener seed = bar.phase("seed", 0, 0.5);
            seed.progress(10, 100);
            now.set(900_000_000L);
            seed.progress(90, 100);
            assertThat(text.toString()).isEmpty();
            now.set(1_500_000_000L);
            seed.progress(100, 100);
            assertThat(text.toString()).startsWith("\rseed").contains(" 50%").contains("1.5s");
            now.set(2_000_000_000L);
            bar.phase("parquet", 0.5, 1).progress(1, 1);
            assertThat(text.toString()).contains("100%");
        }
        assertThat(text.toString()).endsWith("\r");
    }

    @Test
    void drawsNothingWhenNotOnATerminal() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text, true), false, () -> now.getAndAdd(2_000_000_000L))) {
            bar.phase("seed", 0, 1).progress(5, 10);
        }
        assertThat(text.toString()).isEmpty();
    }
}
