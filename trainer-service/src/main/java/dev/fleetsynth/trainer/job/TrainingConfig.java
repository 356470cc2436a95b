package dev.fleetsynth.trainer.job;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
