package dev.fleetsynth.engine.synth;

import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.tvae.TvaeConfig;

/**
 * How to fit a model.
 *
 * @param seed       the same data and seed give the same model
 * @param epochs     training epochs, for models trained by gradient descent
 * @param patience   a TVAE stops when the quality of its draws against the held-out rows (or, without
 *                   them, the training rows) has not improved for this many epochs, and keeps its best
 *                   epoch; a refinement stops on the held-out loss; 0 trains exactly {@code epochs}
 * @param threads    training threads (1 or 2)
 * @param holdout    held-out units of the same source, for early stopping where a model uses them; may be {@code null}
 * @param refineFrom a model to continue from (same columns), trained at a tenth of the learning rate; may be {@code null}
 */
public record FitOptions(
        long seed, int epochs, int patience, int threads, SourceTable holdout, Synthesizer refineFrom) {
    /**
     * Epochs without a better judged quality before a TVAE stops. Measured on the motor seed
     * ({@code bench/run untilquality}, training seeds 1-3): the best judged epochs were 30, 40 and
     * 55, and patience 15, 20 or 30 all kept those; 20 stops at a fifth of the fixed 300 epochs' time
     * with overall 0.963 against their 0.926 (docs/tvae.md).
     */
    public static final int DEFAULT_PATIENCE = 20;

    public static FitOptions defaults() {
        return new FitOptions(42, TvaeConfig.DEFAULT_EPOCHS, DEFAULT_PATIENCE, TvaeConfig.DEFAULT_THREADS, null, null);
    }

    public FitOptions withSeed(long s) {
        return new FitOptions(s, epochs, patience, threads, holdout, refineFrom);
    }

    public FitOptions withEpochs(int e) {
        return new FitOptions(seed, e, patience, threads, holdout, refineFrom);
    }

    public FitOptions withPatience(int p) {
        return new FitOptions(seed, epochs, p, threads, holdout, refineFrom);
    }

    public FitOptions withThreads(int t) {
        return new FitOptions(seed, epochs, patience, t, holdout, refineFrom);
    }

    public FitOptions withHoldout(SourceTable h) {
        return new FitOptions(seed, epochs, patience, threads, h, refineFrom);
    }

    public FitOptions withRefineFrom(Synthesizer base) {
        return new FitOptions(seed, epochs, patience, threads, holdout, base);
    }

    /** The TVAE settings these options stand for. */
    public TvaeConfig tvaeConfig() {
        TvaeConfig c = TvaeConfig.defaults()
                .withEpochs(epochs)
                .withSeed(seed)
                .withEarlyStop(patience, 1e-3)
                .withThreads(threads);
        return refineFrom == null ? c : c.withLearningRate(c.learningRate() / 10);
    }
}
