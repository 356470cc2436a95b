package dev.fleetsynth.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.engine.tvae.TrainingResult;
import org.junit.jupiter.api.Test;

/** The default TVAE training: stopped when its draws stop coming closer to the rows, its best epoch kept. */
class TvaeUntilQualityTest {
    // The motor seed of the benchmark (bench/run untilquality): its best judged epochs were 30 to 55.
    // A smaller seed takes more epochs (fewer steps each) and would not stop under a short cap.
    private static final SourceTable SEED = SourceTable.of(SeedGenerator.generate(
            Catalog.profile("motor_siemens_1la7_001").orElseThrow(), new SeedOptions(10_000, 7)));

    @Test
    void theDefaultTrainingStopsBeforeItsCapAndItsModelIsAtLeastAsGoodAsTheFixedEpochs() {
        FitOptions defaults = FitOptions.defaults().withEpochs(120).withSeed(1);
        TvaeSynthesizer stopped =
                (TvaeSynthesizer) ModelKind.TVAE.fit(SEED, defaults, TrainingListener.NONE, () -> false);
        TvaeSynthesizer fixed = (TvaeSynthesizer)
                ModelKind.TVAE.fit(SEED, defaults.withPatience(0), TrainingListener.NONE, () -> false);

        assertThat(stopped.model().training().outcome()).isEqualTo(TrainingResult.Outcome.STOPPED_EARLY);
        assertThat(stopped.model().training().lossCurve().length).isLessThan(120);
        assertThat(fixed.model().training().outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(fixed.model().training().lossCurve()).hasSize(120);
        double stoppedOverall = overall(stopped);
        double fixedOverall = overall(fixed);
        assertThat(stoppedOverall)
                .as("stopped %.4f, fixed %.4f", stoppedOverall, fixedOverall)
                .isGreaterThanOrEqualTo(fixedOverall - 0.01);
    }

    private static double overall(Synthesizer model) {
        return DatasetGenerator.generate(model, SEED, null, SplitSizes.of(10_000), 9)
                .quality()
                .overall();
    }
}
