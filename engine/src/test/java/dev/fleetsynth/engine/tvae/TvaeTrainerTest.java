package dev.fleetsynth.engine.tvae;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TvaeTrainerTest {
    /** Two continuous values with two modes each, laid out as the transformer does: alpha, one-hot mode. */
    static float[] twoColumnData(int rows, long seed) {
        Random r = new Random(seed);
        float[] d = new float[rows * 6];
        for (int i = 0; i < rows; i++) {
            int mode = r.nextDouble() < 0.3 ? 0 : 1;
            float alpha = (float) Math.max(-0.99, Math.min(0.99, 0.25 * r.nextGaussian()));
            d[i * 6] = alpha;
            d[i * 6 + 1 + mode] = 1f;
            // the second column follows the first (correlated), with its own mode
            d[i * 6 + 3] = (float) Math.max(-0.99, Math.min(0.99, alpha * 0.8 + 0.1 * r.nextGaussian()));
            d[i * 6 + 4 + mode] = 1f;
        }
        return d;
    }

    static OutputLayout twoColumnLayout() {
        return new OutputLayout.Builder().continuous().softmax(2).continuous().softmax(2).build();
    }

    @Test
    void lossFallsAndTheResultHasTheNetworksShape() {
        List<TrainingListener.EpochProgress> epochs = new ArrayList<>();
        TvaeConfig config = TvaeConfig.defaults().withEpochs(30).withSeed(3);
        TrainingResult r = TvaeTrainer.train(twoColumnData(2_000, 1), 2_000, twoColumnLayout(), config, epochs::add, () -> false);
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(r.lossCurve()).hasSize(30);
        assertThat(epochs).hasSize(30);
        assertThat(epochs.get(29).epoch()).isEqualTo(30);
        assertThat(r.lossCurve()[29]).isLessThan(r.lossCurve()[0]);
        assertThat(r.parameters()).hasSize(new TvaeNet(6, 128, 128, 128).size());
        System.out.printf("loss %s -> %s, step ms %s%n", r.lossCurve()[0], r.finalLoss(), r.stepTimes());
    }
}
