package dev.fleetsynth.engine.tvae;

/**
 * Training settings of CTGAN's TVAE (the seeds' TVAE_CONFIG): encoder and decoder of two hidden
 * layers each, latent size {@code embeddingDim}, Adam with L2 weight decay {@code l2scale}, the
 * reconstruction term weighted by {@code lossFactor}.
 *
 * @param earlyStopPatience stop when the epoch loss has not improved by {@code earlyStopMinDelta}
 *                          for this many epochs; 0 disables early stopping
 * @param threads           1 or 2: how many threads compute a batch's two halves; the model is the
 *                          same either way, two is faster when two cores are free
 */
public record TvaeConfig(
        int epochs,
        int batchSize,
        int embeddingDim,
        int compressDim,
        int decompressDim,
        double l2scale,
        double lossFactor,
        double learningRate,
        long seed,
        int earlyStopPatience,
        double earlyStopMinDelta,
        int threads) {

    public static final int DEFAULT_EPOCHS = 300;
    public static final int MIN_EPOCHS = 1;
    public static final int MAX_EPOCHS = 5_000;
    public static final int DEFAULT_THREADS = 2;
    public static final int MAX_THREADS = 2;

    public TvaeConfig {
        if (epochs < MIN_EPOCHS || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be " + MIN_EPOCHS + ".." + MAX_EPOCHS + ", got " + epochs);
        }
        if (batchSize < 2 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be 2..100000, got " + batchSize);
        }
        if (embeddingDim < 1 || compressDim < 1 || decompressDim < 1) {
            throw new IllegalArgumentException("layer sizes must be positive");
        }
        if (!(learningRate > 0) || !(l2scale >= 0) || !(lossFactor > 0)) {
            throw new IllegalArgumentException("learning rate and loss factor must be > 0, weight decay >= 0");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1.." + MAX_THREADS + ", got " + threads);
        }
        if (earlyStopPatience < 0) {
            throw new IllegalArgumentException("early-stop patience must be >= 0");
        }
    }

    public static TvaeConfig defaults() {
        return new TvaeConfig(DEFAULT_EPOCHS, 500, 128, 128, 128, 1e-5, 2, 1e-3, 42, 0, 0, DEFAULT_THREADS);
    }

    public TvaeConfig withEpochs(int n) {
        return new TvaeConfig(
                n,
                batchSize,
                embeddingDim,
                compressDim,
                decompressDim,
                l2scale,
                lossFactor,
                learningRate,
                seed,
                earlyStopPatience,
                earlyStopMinDelta,
                threads);
    }

    public TvaeConfig withSeed(long s) {
        return new TvaeConfig(
                epochs,
                batchSize,
                embeddingDim,
                compressDim,
                decompressDim,
                l2scale,
                lossFactor,
                learningRate,
                s,
                earlyStopPatience,
                earlyStopMinDelta,
                threads);
    }

    /**
     * Threads for each of {@code trainings} run side by side on this machine: the cores shared
     * between them, at least 1 and at most {@link #MAX_THREADS}.
     */
    public static int threadsBeside(int trainings) {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors() / Math.max(1, trainings)));
    }

    public TvaeConfig withThreads(int n) {
        return new TvaeConfig(
                epochs,
                batchSize,
                embeddingDim,
                compressDim,
                decompressDim,
                l2scale,
                lossFactor,
                learningRate,
                seed,
                earlyStopPatience,
                earlyStopMinDelta,
                n);
    }

    public TvaeConfig withLearningRate(double rate) {
        return new TvaeConfig(
                epochs,
                batchSize,
                embeddingDim,
                compressDim,
                decompressDim,
                l2scale,
                lossFactor,
                rate,
                seed,
                earlyStopPatience,
                earlyStopMinDelta,
                threads);
    }

    public TvaeConfig withEarlyStop(int patience, double minDelta) {
        return new TvaeConfig(
                epochs,
                batchSize,
                embeddingDim,
                compressDim,
                decompressDim,
                l2scale,
                lossFactor,
                learningRate,
                seed,
                patience,
                minDelta,
                threads);
    }
}
