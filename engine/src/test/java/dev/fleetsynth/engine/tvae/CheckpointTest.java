package dev.fleetsynth.engine.tvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.SensorTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training keeps checkpoints every few epochs, and one resumed from a checkpoint goes on from it:
 * the epochs before are the first run's, the next is reported as the checkpoint's plus one, and its
 * loss carries on from where the parameters and Adam's moments were, not from a fresh start.
 */
class CheckpointTest {
    private static final TvaeConfig CONFIG =
            TvaeConfig.defaults().withEpochs(20).withSeed(5);
    private static SensorTable seed;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed() {
        seed = SeedGenerator.generate(
                Catalog.profile("pump_grundfos_cr10_001").orElseThrow(), new SeedOptions(1500, 3));
    }

    /** A listener that keeps checkpoints every {@code every} epochs, resumes from {@code from}, and notes the epochs it hears. */
    private static final class Recorder implements TrainingListener {
        final List<Checkpoint> kept = new ArrayList<>();
        final List<Integer> epochs = new ArrayList<>();
        final int every;
        final Checkpoint from;

        Recorder(int every, Checkpoint from) {
            this.every = every;
            this.from = from;
        }

        @Override
        public void epoch(EpochProgress p) {
            epochs.add(p.epoch());
        }

        @Override
        public int checkpointEvery() {
            return every;
        }

        @Override
        public void checkpoint(Checkpoint c) {
            kept.add(c);
        }

        @Override
        public Checkpoint resumeFrom() {
            return from;
        }
    }

    @Test
    void aResumedTrainingGoesOnFromItsCheckpoint() throws Exception {
        Recorder first = new Recorder(5, null);
        TvaeModel whole = TvaeModel.train(seed, CONFIG, first, () -> false);
        assertThat(first.kept).extracting(Checkpoint::epochsDone).containsExactly(5, 10, 15); // not after the last
        Checkpoint at10 = first.kept.get(1);
        assertThat(at10.lossCurve())
                .containsExactly(Arrays.copyOf(whole.training().lossCurve(), 10));
        assertThat(at10.steps()).isEqualTo(10L * ((1500 + CONFIG.batchSize() - 1) / CONFIG.batchSize()));

        Path file = dir.resolve("job.checkpoint");
        at10.write(file);
        Checkpoint read = Checkpoint.read(file);
        assertThat(read).isEqualTo(at10);

        Recorder second = new Recorder(0, read);
        TvaeModel resumed = TvaeModel.train(seed, CONFIG, second, () -> false);
        double[] curve = resumed.training().lossCurve();
        assertThat(curve).hasSize(20);
        assertThat(Arrays.copyOf(curve, 10)).containsExactly(at10.lossCurve());
        assertThat(second.epochs).containsExactly(11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        // it carries on: epoch 11 is near the first run's epoch 11, far below a fresh start's first epoch
        double fresh = whole.training().lossCurve()[0];
        double before = whole.training().lossCurve()[10];
        assertThat(curve[10]).isCloseTo(before, within(Math.abs(fresh - before) * 0.25));
    }

    @Test
    void aCheckpointOfAnotherTrainingOrAPartialFileIsRefused() throws Exception {
        Checkpoint other = new Checkpoint(2, 8, new float[7], new float[7], new float[7], new double[] {1, 2});
        assertThatThrownBy(() -> TvaeModel.train(seed, CONFIG, new Recorder(0, other), () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another training");

        Path file = dir.resolve("cut.checkpoint");
        other.write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> Checkpoint.read(file)).isInstanceOf(java.io.IOException.class);
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> Checkpoint.read(file))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("not a training checkpoint");
    }
}
