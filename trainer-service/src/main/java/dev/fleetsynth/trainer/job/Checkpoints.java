package dev.fleetsynth.trainer.job;

import dev.fleetsynth.engine.tvae.Checkpoint;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The training job's listener with checkpoints: progress goes to the {@link ProgressReporter}, and
 * every {@code checkpoint-every} epochs the training's state is kept in one file beside the model it
 * will become. A run of the same job after its service died (the request comes back from Kafka)
 * finds the file and goes on from it instead of from the first epoch; the job removes it once it
 * has ended, whatever the outcome.
 */
public final class Checkpoints implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final ProgressReporter progress;
    private final Path file;
    private final int every;

    Checkpoints(ProgressReporter progress, Path file, int every) {
        this.progress = progress;
        this.file = file;
        this.every = every;
    }

    /** Where a job's checkpoint lies: beside its model's directory, hidden, so that no listing takes it for a model. */
    public static String path(String modelPath) {
        int slash = modelPath.lastIndexOf('/');
        return modelPath.substring(0, slash + 1) + "." + modelPath.substring(slash + 1) + ".checkpoint";
    }

    @Override
    public void epoch(EpochProgress p) {
        progress.epoch(p);
    }

    @Override
    public int checkpointEvery() {
        return every;
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        try {
            checkpoint.write(file);
        } catch (IOException | RuntimeException e) {
            // A checkpoint is insurance: a training that cannot keep one goes on without.
            LOG.warnf("could not keep a checkpoint at epoch %d: %s", checkpoint.epochsDone(), e.getMessage());
        }
    }

    @Override
    public Checkpoint resumeFrom() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Checkpoint c = Checkpoint.read(file);
            LOG.infof("resuming the training from its checkpoint at epoch %d", c.epochsDone());
            progress.resumed(c);
            return c;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not read the checkpoint %s, starting from the first epoch: %s", file, e.getMessage());
            return null;
        }
    }

    /** Removes the checkpoint: the job has ended. */
    void discard() {
        discard(file);
    }

    /** Removes a job's checkpoint file, if there is one (a job that ends before training keeps none of its own). */
    static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not remove the checkpoint %s: %s", file, e.getMessage());
        }
    }
}
