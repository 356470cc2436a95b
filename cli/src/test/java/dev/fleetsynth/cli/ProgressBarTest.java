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
    void writesAPlainLineEveryHalfMinuteWhenNotOnATerminal() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        StringWriter text = new StringWriter();
        try (ProgressBar bar = new ProgressBar(new PrintWriter(text, true), false, now::get)) {
            var train = bar.phase("train", 0, 1);
            train.progress(1, 100); // at once: nothing
            now.addAndGet(29_000_000_000L);
            train.progress(10, 100); // 29 s: still nothing
            now.addAndGet(2_000_000_000L);
            train.progress(25, 100); // 31 s: a line
            now.addAndGet(10_000_000_000L);
            train.progress(40, 100); // 10 s later: nothing
            now.addAndGet(25_000_000_000L);
            train.progress(70, 100); // 35 s later: a line
        }
        assertThat(text.toString())
                .isEqualTo("train 25% after 31 s" + System.lineSeparator() + "train 70% after 66 s"
                        + System.lineSeparator())
                .doesNotContain("\r")
                .doesNotContain("#");
    }
}
