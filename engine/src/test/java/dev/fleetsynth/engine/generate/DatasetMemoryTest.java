package dev.fleetsynth.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleetsynth.engine.source.SourceSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dataset that would not fit the heap is refused before any work, saying how many rows would. */
class DatasetMemoryTest {
    private static final SourceSchema CNC =
            SourceSchema.simulated("cnc_haas_vf2_001", List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"));
    private static final long GIB = 1L << 30;

    @Test
    void aGibibyteHoldsTheThreeMillionRowsMeasuredAndNotTheFiveThatFailed() {
        long max = DatasetGenerator.maxRows(CNC, GIB);
        assertThat(max).isBetween(3_000_000L, 4_000_000L);
        DatasetGenerator.requireFits(CNC, SplitSizes.of(3_000_000), GIB);
        assertThatThrownBy(() -> DatasetGenerator.requireFits(CNC, SplitSizes.of(5_000_000), GIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5,000,000 rows of 13 columns")
                .hasMessageContaining(String.format(java.util.Locale.ROOT, "ask for at most %,d rows", max));
    }

    @Test
    void widerDataFitFewerRows() {
        SourceSchema wide = SourceSchema.simulated(
                "wide_001",
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "s" + i).toList());
        assertThat(DatasetGenerator.maxRows(wide, GIB)).isLessThan(DatasetGenerator.maxRows(CNC, GIB) / 3);
    }
}
