package dev.fleetsynth.trainer.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/** The trainer's settings ({@code fleetsynth.training.*}). */
@ConfigMapping(prefix = "fleetsynth.training")
public interface TrainingConfig {
    /** Epochs of a training started by the auto pipeline (seed.ready). */
    @WithDefault("300")
    int autoEpochs();

    @WithDefault("500")
    int autoBatchSize();

    @WithDefault("42")
    long autoRandomSeed();

    /**
     * Threads per training, 1 or 2 (the model is the same either way); when unset, see
     * {@link TrainingJobs#threads}. Two fit about 1.6x faster where a second core is free for
     * them; where the trainer shares two cores with the other services, as {@code ./fleetsynth up}
     * runs it on a small machine, the threads wait on each other and two can be slower than one.
     */
    OptionalInt threads();

    /** Expiry of the per-machine lock; the holder renews it every third of this while it trains. */
    @WithDefault("60s")
    Duration lockTtl();

    /** How often a queued job asks for the lock again. */
    @WithDefault("1s")
    Duration lockPoll();

    /** How often the training loop looks for a cancel flag in Redis (not every epoch: epochs can take milliseconds). */
    @WithDefault("250ms")
    Duration cancelCheck();

    /** How long a cancel flag is kept (longer than any job waits or runs). */
    @WithDefault("24h")
    Duration cancelTtl();

    /** training.progress at least this often ... */
    @WithDefault("2s")
    Duration progressInterval();

    /** ... and at least every this fraction of the epochs. */
    @WithDefault("0.1")
    double progressFraction();

    /**
     * Every how many epochs a TVAE training keeps a checkpoint, which a run of the same job after a crash
     * goes on from (0: never). A checkpoint is about 12 bytes a parameter (about 1 MB for a 13-column
     * model), written whole to a temporary file and renamed.
     */
    @WithDefault("20")
    int checkpointEvery();
}
