package dev.fleetsynth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The harness runs and reports; the timings themselves are judged by people, not by this test. */
class BenchTest {
    @Test
    void harnessReportsMedians() throws Exception {
        Harness.Timing t = new Harness.Timing("x", new double[] {3, 1, 2, 100});
        assertThat(t.median()).isEqualTo(2.5);
        assertThat(t.min()).isEqualTo(1);
        assertThat(t.max()).isEqualTo(100);
        assertThat(new Harness(0, 3).time("noop", () -> 1).seconds()).hasSize(3);
        assertThatThrownBy(() -> new Harness(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBenchmarkRunsAndPrintsItsBaselineAndRatio() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Bench.run(new Harness(0, 1), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("seed 10k rows, baseline linear ramp")
                .contains("seed 10k rows, engine physics")
                .contains("write 50k x 12, baseline CSV")
                .contains("write 50k x 12, Parquet zstd")
                .contains("ratio to baseline")
                .containsPattern("targets (met|missed)");
    }

    @Test
    void theBaselineSeedHasTheRequestedShape() {
        var motor = dev.fleetsynth.engine.catalog.Catalog.profile("motor_siemens_1la7_001")
                .orElseThrow();
        var t = LinearRampSeed.generate(motor, 10_000, 1);
        assertThat(t.rows()).isEqualTo(10_000);
        assertThat(t.cycles()).isEqualTo(3);
        assertThat(Bench.twelveColumns(dev.fleetsynth.engine.seed.SeedGenerator.generate(
                                dev.fleetsynth.engine.catalog.Catalog.profile("cnc_haas_vf2_001")
                                        .orElseThrow(),
                                new dev.fleetsynth.engine.seed.SeedOptions(1_000, 1)))
                        .sensorNames())
                .hasSize(8);
    }
}
