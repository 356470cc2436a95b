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
        return new OutputLayout.Builder()
                .continuous()
                .softmax(2)
                .continuous()
                .softmax(2)
                .build();
    }

    @Test
    void lossFallsAndTheResultHasTheNetworksShape() {
        List<TrainingListener.EpochProgress> epochs = new ArrayList<>();
        TvaeConfig config = TvaeConfig.defaults().withEpochs(30).withSeed(3);
        TrainingResult r =
                TvaeTrainer.train(twoColumnData(2_000, 1), 2_000, twoColumnLayout(), config, epochs::add, () -> false);
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(r.lossCurve()).hasSize(30);
        assertThat(epochs).hasSize(30);
        assertThat(epochs.get(29).epoch()).isEqualTo(30);
        assertThat(r.lossCurve()[29]).isLessThan(r.lossCurve()[0]);
        assertThat(r.parameters()).hasSize(new TvaeNet(6, 128, 128, 128).size());
        assertThat(r.stepTimes().steps()).isEqualTo(30 * 4);
        assertThat(r.stepTimes().totalMs()).isPositive();
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndAnotherSeedDoesNot() {
        float[] data = twoColumnData(1_000, 2);
        TvaeConfig config = TvaeConfig.defaults().withEpochs(5).withSeed(11);
        TrainingResult a =
                TvaeTrainer.train(data, 1_000, twoColumnLayout(), config, TrainingListener.NONE, () -> false);
        TrainingResult b =
                TvaeTrainer.train(data, 1_000, twoColumnLayout(), config, TrainingListener.NONE, () -> false);
        TrainingResult c = TvaeTrainer.train(
                data, 1_000, twoColumnLayout(), config.withSeed(12), TrainingListener.NONE, () -> false);
        assertThat(a.parameters()).containsExactly(b.parameters());
        assertThat(a.lossCurve()).containsExactly(b.lossCurve());
        assertThat(a.parameters()).isNotEqualTo(c.parameters());
    }

    @Test
    void trainingsSideBySideGiveWhatTheyGiveAlone() throws Exception {
        float[] data = twoColumnData(1_000, 6);
        TvaeConfig a = TvaeConfig.defaults().withEpochs(4).withSeed(21);
        TvaeConfig b = a.withSeed(22);
        TrainingResult aloneA =
                TvaeTrainer.train(data, 1_000, twoColumnLayout(), a, TrainingListener.NONE, () -> false);
        TrainingResult aloneB =
                TvaeTrainer.train(data, 1_000, twoColumnLayout(), b, TrainingListener.NONE, () -> false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var fa = pool.submit(
                    () -> TvaeTrainer.train(data, 1_000, twoColumnLayout(), a, TrainingListener.NONE, () -> false));
            var fb = pool.submit(
                    () -> TvaeTrainer.train(data, 1_000, twoColumnLayout(), b, TrainingListener.NONE, () -> false));
            assertThat(fa.get().parameters()).containsExactly(aloneA.parameters());
            assertThat(fb.get().parameters()).containsExactly(aloneB.parameters());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void oneThreadOrTwoGiveTheSameModel() {
        // an odd row count gives uneven shards and a short last batch
        float[] data = twoColumnData(1_001, 9);
        TvaeConfig config = TvaeConfig.defaults().withEpochs(4).withSeed(41);
        java.util.Set<Integer> shardThreads = new java.util.HashSet<>();
        TrainingListener watch = p -> shardThreads.add((int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("tvae-shard"))
                .count());
        TrainingResult one =
                TvaeTrainer.train(data, 1_001, twoColumnLayout(), config.withThreads(1), watch, () -> false);
        assertThat(shardThreads).containsExactly(0);
        shardThreads.clear();
        TrainingResult two =
                TvaeTrainer.train(data, 1_001, twoColumnLayout(), config.withThreads(2), watch, () -> false);
        // the second thread really ran (on a machine with two cores, as every one this builds on)
        assertThat(shardThreads).containsExactly(Runtime.getRuntime().availableProcessors() > 1 ? 1 : 0);
        assertThat(two.parameters()).containsExactly(one.parameters());
        assertThat(two.lossCurve()).containsExactly(one.lossCurve());
    }

    @Test
    void aLastBatchOfOneRowLeavesAShardEmptyAndStillTrains() {
        TrainingResult r = TvaeTrainer.train(
                twoColumnData(501, 10),
                501,
                twoColumnLayout(),
                TvaeConfig.defaults().withEpochs(3),
                TrainingListener.NONE,
                () -> false);
        assertThat(r.stepTimes().steps()).isEqualTo(6);
        assertThat(java.util.Arrays.stream(r.lossCurve()).allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void shardsCutEveryBatchInNearlyEqualHalves() {
        assertThat(TvaeTrainer.shardCuts(1_001, 500, 2)).containsExactly(250, 500, 750, 1_000, 1_000);
    }

    /**
     * Regression: arrays over Java buffers (the shards' noise now, autograd's scalars once) live
     * only as long as those buffers, so collections during training once changed (or blew up) the
     * result.
     */
    @Test
    void garbageCollectionDuringTrainingChangesNothing() throws Exception {
        float[] data = twoColumnData(2_000, 8);
        TvaeConfig config = TvaeConfig.defaults().withEpochs(6).withSeed(31);
        TrainingResult quiet =
                TvaeTrainer.train(data, 2_000, twoColumnLayout(), config, TrainingListener.NONE, () -> false);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (running.get()) {
                System.gc();
                byte[][] churn = new byte[64][];
                for (int i = 0; i < churn.length; i++) {
                    churn[i] = new byte[64 * 1024];
                }
            }
        });
        collector.start();
        TrainingResult collected;
        try {
            collected = TvaeTrainer.train(data, 2_000, twoColumnLayout(), config, TrainingListener.NONE, () -> false);
        } finally {
            running.set(false);
            collector.join();
        }
        assertThat(collected.parameters()).containsExactly(quiet.parameters());
    }

    @Test
    void sigmasStayWithinTheirClamp() {
        TrainingResult r = TvaeTrainer.train(
                twoColumnData(1_000, 3),
                1_000,
                twoColumnLayout(),
                TvaeConfig.defaults().withEpochs(20),
                TrainingListener.NONE,
                () -> false);
        TvaeNet net = new TvaeNet(6, 128, 128, 128);
        for (int i = net.sigmaOffset(); i < net.size(); i++) {
            assertThat(r.parameters()[i]).isBetween((float) TvaeNet.SIGMA_MIN, (float) TvaeNet.SIGMA_MAX);
        }
        // the continuous outputs' sigmas have learnt something: they left their initial 0.1
        assertThat(r.parameters()[net.sigmaOffset()]).isNotEqualTo((float) TvaeNet.SIGMA_INIT);
    }

    @Test
    void cancellationStopsBetweenEpochs() {
        int[] epochs = {0};
        TrainingResult r = TvaeTrainer.train(
                twoColumnData(1_000, 4),
                1_000,
                twoColumnLayout(),
                TvaeConfig.defaults().withEpochs(50),
                p -> epochs[0] = p.epoch(),
                () -> epochs[0] >= 3);
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.CANCELLED);
        assertThat(r.epochsRun()).isEqualTo(3);
    }

    @Test
    void earlyStoppingEndsAPlateau() {
        TvaeConfig config = TvaeConfig.defaults().withEpochs(400).withEarlyStop(3, 1e6);
        TrainingResult r = TvaeTrainer.train(
                twoColumnData(1_000, 5), 1_000, twoColumnLayout(), config, TrainingListener.NONE, () -> false);
        // with a minimum improvement no epoch can reach, training stops after patience + 1 epochs
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.STOPPED_EARLY);
        assertThat(r.epochsRun()).isEqualTo(4);
    }

    @Test
    void aJudgedTrainingStopsAfterItsPatienceWithoutABetterJudgementAndKeepsTheBestJudgedEpoch() {
        // judged every 5 epochs: better until epoch 15, worse after; patience 10 epochs is two judgements
        double[] losses = {0.5, 0.4, 0.3, 0.35, 0.31, 0.32, 0.2};
        List<float[]> judged = new ArrayList<>();
        TvaeTrainer.Judge judge = new TvaeTrainer.Judge(5, p -> {
            judged.add(p.clone());
            return losses[judged.size() - 1];
        });
        TvaeConfig config = TvaeConfig.defaults().withEpochs(100).withEarlyStop(10, 1e-3);
        TrainingResult r = TvaeTrainer.train(
                twoColumnData(1_000, 7),
                1_000,
                twoColumnLayout(),
                config,
                TrainingListener.NONE,
                () -> false,
                null,
                judge);
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.STOPPED_EARLY);
        assertThat(r.epochsRun()).isEqualTo(25);
        assertThat(judged).hasSize(5);
        assertThat(r.parameters()).containsExactly(judged.get(2));
        assertThat(r.parameters()).isNotEqualTo(judged.get(4));
    }

    @Test
    void withoutPatienceTheTrainingRunsEveryEpochAndJudgesNothing() {
        List<float[]> judged = new ArrayList<>();
        TvaeTrainer.Judge judge = new TvaeTrainer.Judge(5, p -> {
            judged.add(p);
            return 0;
        });
        TrainingResult r = TvaeTrainer.train(
                twoColumnData(1_000, 8),
                1_000,
                twoColumnLayout(),
                TvaeConfig.defaults().withEpochs(20),
                TrainingListener.NONE,
                () -> false,
                null,
                judge);
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(r.epochsRun()).isEqualTo(20);
        assertThat(judged).isEmpty();
    }

    @Test
    void badInputIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TvaeTrainer.train(
                        new float[5],
                        1,
                        twoColumnLayout(),
                        TvaeConfig.defaults().withEpochs(1),
                        TrainingListener.NONE,
                        () -> false))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TvaeConfig.defaults().withEpochs(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TvaeConfig.defaults().withThreads(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be 1..2");
    }
}
