package dev.fleetsynth.engine.tvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Trains the TVAE network with the loss of CTGAN's TVAE: for continuous outputs the Gaussian
 * negative log-likelihood {@code (x - tanh(x_hat))^2 / (2 sigma^2) + log sigma}, cross-entropy for
 * each one-hot group, both times {@code lossFactor} and over the batch, plus the KL divergence of
 * the latent code; Adam with L2 weight decay; sigmas clamped to [0.01, 1] after every step.
 *
 * <p>Speed comes from doing few native operations per step, since each costs microseconds whatever
 * its size: the gradient is worked out in closed form ({@link ShardPass}) instead of recorded by
 * autograd, the loss is computed on whole matrices with masks instead of a loop over columns,
 * batches are slices of one tensor shuffled once per epoch, and the parameters live in one flat
 * buffer updated by one fused Adam call per half.
 *
 * <p>Every batch is cut into {@link #SHARDS} shards whose gradients are added before the update.
 * With two threads the shards are computed side by side, each on one core: a 500-row matrix
 * product is too small for the math library to share across cores, so cutting the batch is what
 * lets a second core help. Each shard draws its noise from its own seeded stream and the gradients
 * are added in shard order, so a seed gives the same model on one thread or two, whatever else runs
 * in the process.
 *
 * <p>Memory: DJL attaches a result to its first operand's manager, so arrays that outlive a step
 * (data, masks, parameters) are never a first operand inside a step, and what is derived from them
 * is attached to the step's manager, which is closed after every step.
 */
public final class TvaeTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /**
     * Shards per batch, whatever the thread count, so that a training gives the same model on one
     * thread as on two. Two because a 500-row batch in halves keeps the matrix products large
     * enough to run at full speed, and because the machines this runs on have at least two cores.
     */
    static final int SHARDS = 2;

    private TvaeTrainer() {}

    /**
     * Where a refinement starts: an earlier model's parameters (same output layout), and held-out
     * rows (transformed like the data) whose loss, measured after every epoch, decides early
     * stopping: training stops when it has not improved for the config's patience, and the
     * parameters of its best epoch are kept.
     */
    public record Start(float[] parameters, float[] holdout, int holdoutRows) {}

    /**
     * Early stopping on what a model is for rather than on its loss: every {@code every} epochs the
     * parameters are scored ({@code loss}, lower is better; a quality score's complement), training
     * stops when that has not improved by the config's minimum for the config's patience in epochs,
     * and the parameters of the best scored epoch are kept.
     */
    public record Judge(int every, java.util.function.ToDoubleFunction<float[]> loss) {
        public Judge {
            if (every < 1) {
                throw new IllegalArgumentException("a judge scores every 1 or more epochs, got " + every);
            }
        }
    }

    public static TrainingResult train(
            float[] data,
            int rows,
            OutputLayout layout,
            TvaeConfig config,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        return train(data, rows, layout, config, listener, cancelled, null);
    }

    public static TrainingResult train(
            float[] data,
            int rows,
            OutputLayout layout,
            TvaeConfig config,
            TrainingListener listener,
            BooleanSupplier cancelled,
            Start start0) {
        return train(data, rows, layout, config, listener, cancelled, start0, null);
    }

    public static TrainingResult train(
            float[] data,
            int rows,
            OutputLayout layout,
            TvaeConfig config,
            TrainingListener listener,
            BooleanSupplier cancelled,
            Start start0,
            Judge judged) {
        int dim = layout.width();
        if ((long) rows * dim != data.length) {
            throw new IllegalArgumentException("data holds " + data.length + " values, expected " + rows + " x " + dim);
        }
        if (rows < 2) {
            throw new IllegalArgumentException("need at least 2 rows to train, got " + rows);
        }
        TvaeNet net = new TvaeNet(dim, config.compressDim(), config.embeddingDim(), config.decompressDim());
        // A checkpoint of this same training, which the caller kept from an earlier run that stopped.
        Checkpoint resume = listener.resumeFrom();
        int firstEpoch = resume == null ? 0 : resume.epochsDone();
        // A resumed training draws from streams of its own (seed and epoch), not the first run's again.
        JumpableUniformRandomProvider rng = (JumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(
                resume == null ? config.seed() : config.seed() ^ (0x9E3779B97F4A7C15L * (firstEpoch + 1)));
        float[] initial = net.initialParameters(rng);
        if (start0 != null) {
            if (start0.parameters().length != initial.length) {
                throw new IllegalArgumentException("the model to refine has " + start0.parameters().length
                        + " parameters, this data needs " + initial.length + ": it was trained on other columns");
            }
            initial = start0.parameters().clone();
        }
        if (resume != null) {
            if (resume.parameters().length != initial.length) {
                throw new IllegalArgumentException("the checkpoint has " + resume.parameters().length
                        + " parameters, this data needs " + initial.length + ": it is of another training");
            }
            initial = resume.parameters().clone();
        }
        boolean heldOutStop = start0 != null
                && start0.holdout() != null
                && start0.holdoutRows() > 0
                && config.earlyStopPatience() > 0;
        float[] bestParameters = null;
        Engine engine = Torch.engine();
        int batch = Math.min(config.batchSize(), rows);
        int batches = (rows + batch - 1) / batch;
        int threads = Math.min(config.threads(), SHARDS);
        double[] curve = new double[config.epochs()];
        long start = System.nanoTime();
        TrainingResult.Outcome outcome = TrainingResult.Outcome.COMPLETED;
        int epochsRun = firstEpoch;
        if (resume != null) {
            if (firstEpoch > config.epochs()) {
                throw new IllegalArgumentException(
                        "the checkpoint is at epoch " + firstEpoch + " of a training of " + config.epochs());
            }
            System.arraycopy(resume.lossCurve(), 0, curve, 0, firstEpoch);
        }
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        Partner partner = null;
        try (Autograd off = Autograd.off();
                NDManager root = engine.newBaseManager()) {
            // A second thread only where a second core can run it (it spins while it waits for work),
            // and not for a GPU, where both shards would queue on the one device anyway.
            if (threads > 1
                    && Runtime.getRuntime().availableProcessors() > 1
                    && !root.getDevice().isGpu()) {
                partner = new Partner();
            }
            NDArray all = owned(root, data, new Shape(rows, dim));
            Optimisation run = new Optimisation(root, net, layout, config, initial, rng, partner, resume);
            NDArray allSoft = all.mul(run.masks.soft());
            NDArray held = heldOutStop ? owned(root, start0.holdout(), new Shape(start0.holdoutRows(), dim)) : null;
            NDArray heldSoft = heldOutStop ? held.mul(run.masks.soft()) : null;
            // Its own noise stream, so that measuring the held-out loss leaves the training's draws as they were.
            ShardPass heldPass = heldOutStop
                    ? new ShardPass(
                            run.views,
                            run.masks,
                            new Scalars(root.newSubManager()),
                            config.embeddingDim(),
                            RandomSource.XO_RO_SHI_RO_128_PP.create(config.seed() ^ 0x9E3779B97F4A7C15L))
                    : null;
            // A refinement's held-out loss is one more judge, asked every epoch (it reads the parameters in place).
            Judge stopJudge = config.earlyStopPatience() == 0
                    ? null
                    : judged != null
                            ? judged
                            : heldOutStop
                                    ? new Judge(
                                            1,
                                            parameters -> run.heldOutLoss(
                                                    root, heldPass, held, heldSoft, start0.holdoutRows(), batch))
                                    : null;
            long[] cuts = shardCuts(rows, batch, SHARDS);
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                if (cancelled.getAsBoolean()) {
                    outcome = TrainingResult.Outcome.CANCELLED;
                    break;
                }
                shuffle(order, rng);
                double lossSum = 0;
                try (NDManager epochManager = root.newSubManager()) {
                    NDArray index = epochManager.create(order);
                    NDList xs = attached(all.get(index), epochManager).split(cuts);
                    NDList softs = attached(allSoft.get(index), epochManager).split(cuts);
                    for (int b = 0; b < batches; b++) {
                        int size = batchRows(rows, batch, b);
                        // after the epoch's last batch comes the next epoch's first
                        int nextSize = batchRows(rows, batch, (b + 1) % batches);
                        try (NDManager step = epochManager.newSubManager()) {
                            double value = run.step(step, xs, softs, b, size, nextSize);
                            if (!Double.isFinite(value)) {
                                throw new TrainingDivergedException("the loss became " + value + " at epoch "
                                        + (epoch + 1) + ", step " + run.steps + " (sigma " + run.sigmaRange() + ")");
                            }
                            lossSum += value * size;
                        }
                    }
                }
                double epochLoss = lossSum / rows;
                curve[epoch] = epochLoss;
                epochsRun = epoch + 1;
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration eta = elapsed.multipliedBy(config.epochs() - epochsRun).dividedBy(epochsRun - firstEpoch);
                listener.epoch(new TrainingListener.EpochProgress(epochsRun, config.epochs(), epochLoss, elapsed, eta));
                int every = listener.checkpointEvery();
                if (every > 0 && epochsRun % every == 0 && epochsRun < config.epochs()) {
                    listener.checkpoint(run.checkpoint(epochsRun, java.util.Arrays.copyOf(curve, epochsRun)));
                }
                if (stopJudge != null) {
                    if (epochsRun % stopJudge.every() == 0 || epochsRun == config.epochs()) {
                        float[] now = run.params.toFloatArray();
                        double judgedLoss = stopJudge.loss().applyAsDouble(now);
                        if (judgedLoss < best - config.earlyStopMinDelta()) {
                            best = judgedLoss;
                            sinceBest = 0;
                            bestParameters = now;
                        } else if ((sinceBest += stopJudge.every()) >= config.earlyStopPatience()) {
                            outcome = TrainingResult.Outcome.STOPPED_EARLY;
                            break;
                        }
                    }
                } else if (config.earlyStopPatience() > 0) {
                    if (epochLoss < best - config.earlyStopMinDelta()) {
                        best = epochLoss;
                        sinceBest = 0;
                    } else if (++sinceBest >= config.earlyStopPatience()) {
                        outcome = TrainingResult.Outcome.STOPPED_EARLY;
                        break;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new TrainingResult(
                    bestParameters != null ? bestParameters : run.params.toFloatArray(),
                    java.util.Arrays.copyOf(curve, epochsRun),
                    outcome,
                    seconds,
                    run.stepTimes());
        } finally {
            if (partner != null) {
                partner.close();
            }
        }
    }

    /**
     * The optimiser's state and one step of it: the shards' gradients added, then Adam, then the
     * sigmas clamped. Lives in the training's root manager; nothing in it outlives the training.
     */
    private static final class Optimisation {
        final ShardPass.Masks masks;
        final NDArray params;
        private final NDArray mean;
        private final NDArray variance;
        private final NDArray sigma;
        private final NDIndex sigmaRange;
        private final Scalars scalars;
        private final ShardPass[] passes = new ShardPass[SHARDS];
        private final Partner partner;
        /** The two halves of the parameters and of Adam's moments, updated side by side. */
        private final NDArray[] halves;

        private final long half;
        private final TvaeConfig config;
        private final boolean[] continuous;
        private final long[] phase = new long[4];
        long steps;
        private float[] lastSigmas;

        final NDList views;

        Optimisation(
                NDManager root,
                TvaeNet net,
                OutputLayout layout,
                TvaeConfig config,
                float[] initial,
                JumpableUniformRandomProvider rng,
                Partner partner,
                Checkpoint resume) {
            this.config = config;
            this.partner = partner;
            masks = masks(root, layout);
            params = owned(root, initial, new Shape(net.size()));
            mean = resume == null ? root.zeros(params.getShape()) : owned(root, resume.mean(), params.getShape());
            variance =
                    resume == null ? root.zeros(params.getShape()) : owned(root, resume.variance(), params.getShape());
            steps = resume == null ? 0 : resume.steps();
            views = net.views(params, root);
            sigma = net.sigma(views);
            sigmaRange = new NDIndex("{}:", net.sigmaOffset());
            scalars = new Scalars(root);
            for (int s = 0; s < SHARDS; s++) {
                passes[s] = new ShardPass(
                        views, masks, new Scalars(root.newSubManager()), config.embeddingDim(), rng.jump());
            }
            continuous = new boolean[layout.width()];
            layout.continuous().forEach(i -> continuous[i] = true);
            half = net.size() / 2;
            halves = new NDArray[] {
                split(params, true),
                split(mean, true),
                split(variance, true),
                split(params, false),
                split(mean, false),
                split(variance, false)
            };
        }

        /** Where the training stands after {@code epochs} epochs (between steps: nothing is updating the buffers). */
        Checkpoint checkpoint(int epochs, double[] curve) {
            return new Checkpoint(
                    epochs, steps, params.toFloatArray(), mean.toFloatArray(), variance.toFloatArray(), curve);
        }

        private NDArray split(NDArray whole, boolean first) {
            return first
                    ? whole.get(new NDIndex().addSliceDim(0, half))
                    : whole.get(new NDIndex().addSliceDim(half, whole.size()));
        }

        /**
         * One step on batch {@code b} of the epoch's shards; returns the batch's loss before the
         * update. {@code nextSize} is the next batch's, whose noise the threads draw while they wait.
         */
        double step(NDManager step, NDList xs, NDList softs, int b, int size, int nextSize) {
            long t0 = System.nanoTime();
            long busyBefore = phase[0] + phase[1] + phase[2];
            float factor = (float) config.lossFactor();
            ShardPass.StepInputs in = stepInputs(step, sigma, masks, scalars, size, factor);
            ShardPass.Result[] results = runShards(step, xs, softs, b, in, shardRows(nextSize, 0));
            double[] terms = new double[ShardPass.TERMS];
            NDArray[] gradients = new NDArray[SHARDS];
            int count = 0;
            for (ShardPass.Result r : results) {
                if (r != null) {
                    gradients[count++] = r.gradient();
                    float[] t = r.lossTerms().toFloatArray();
                    for (int k = 0; k < terms.length; k++) {
                        terms[k] += t[k];
                    }
                }
            }
            lastSigmas = sigma.toFloatArray();
            double value = loss(terms, lastSigmas, continuous, masks.groups(), size, factor, config.embeddingDim());
            steps++;
            if (!Double.isFinite(value)) {
                return value;
            }
            double correction = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
            // Adam is element-wise, so each thread updates one half of the buffer: the same numbers
            // as one call over the whole, in half the time.
            NDArray first = gradients[0];
            NDArray second = count > 1 ? gradients[1] : null;
            Runnable upper =
                    () -> update(1, split(first, false), second == null ? null : split(second, false), correction);
            if (partner == null) {
                update(0, split(first, true), second == null ? null : split(second, true), correction);
                upper.run();
            } else {
                partner.submit(upper, () -> passes[1].prefetch(shardRows(nextSize, 1)));
                try {
                    update(0, split(first, true), second == null ? null : split(second, true), correction);
                } finally {
                    partner.await();
                }
            }
            params.set(sigmaRange, attached(sigma.clip(TvaeNet.SIGMA_MIN, TvaeNet.SIGMA_MAX), step));
            // Shards on the calling thread time themselves; the rest of the step (waiting for the
            // helper, adding the gradients, Adam) counts as the optimiser's.
            phase[3] += (System.nanoTime() - t0) - (phase[0] + phase[1] + phase[2] - busyBefore);
            return value;
        }

        /** Adds the shards' gradients over one half of the buffer and runs Adam on that half. */
        private void update(int which, NDArray gradient, NDArray other, double correction) {
            if (other != null) {
                gradient.addi(other);
            }
            NDArray p = halves[3 * which];
            p.getNDArrayInternal()
                    .adamUpdate(
                            new NDList(p, gradient, halves[3 * which + 1], halves[3 * which + 2]),
                            new NDList(p),
                            (float) config.learningRate(),
                            (float) (config.learningRate() * correction),
                            (float) config.l2scale(),
                            1f,
                            -1f,
                            (float) BETA1,
                            (float) BETA2,
                            (float) EPSILON,
                            false,
                            false);
        }

        /**
         * Runs one batch's shards, the first on this thread and the second on the partner if there
         * is one, and waits for both, also when one fails, so that no shard still works on an array
         * the step is about to free.
         */
        private ShardPass.Result[] runShards(
                NDManager step, NDList xs, NDList softs, int batch, ShardPass.StepInputs in, int nextRows) {
            ShardPass.Result[] results = new ShardPass.Result[SHARDS];
            NDManager[] own = new NDManager[SHARDS];
            NDArray[][] inputs = new NDArray[SHARDS][];
            for (int s = 0; s < SHARDS; s++) {
                // Each shard has its own manager: a manager's bookkeeping is synchronized, and two
                // threads attaching every result to one manager would wait on each other.
                own[s] = step.newSubManager();
                inputs[s] = new NDArray[] {
                    attached(xs.get(batch * SHARDS + s), own[s]), attached(softs.get(batch * SHARDS + s), own[s])
                };
            }
            boolean handedOver = false;
            if (partner != null && inputs[1][0].getShape().get(0) > 0) {
                partner.submit(() -> results[1] = passes[1].run(own[1], inputs[1][0], inputs[1][1], in, null));
                handedOver = true;
            }
            try {
                for (int s = 0; s < SHARDS; s++) {
                    if ((s == 0 || !handedOver) && inputs[s][0].getShape().get(0) > 0) {
                        results[s] = passes[s].run(own[s], inputs[s][0], inputs[s][1], in, phase);
                    }
                }
            } finally {
                if (handedOver) {
                    passes[0].prefetch(nextRows);
                    partner.await();
                }
            }
            return results;
        }

        /** The mean loss of held-out rows under the current parameters, batch by batch, without an update. */
        double heldOutLoss(NDManager root, ShardPass judge, NDArray held, NDArray heldSoft, int rows, int batch) {
            float factor = (float) config.lossFactor();
            double sum = 0;
            try (NDManager m = root.newSubManager()) {
                float[] sigmas = sigma.toFloatArray();
                for (int from = 0; from < rows; from += batch) {
                    int size = Math.min(batch, rows - from);
                    try (NDManager step = m.newSubManager()) {
                        NDIndex range = new NDIndex().addSliceDim(from, from + size);
                        NDArray x = attached(held.get(range), step);
                        NDArray soft = attached(heldSoft.get(range), step);
                        ShardPass.StepInputs in = stepInputs(step, sigma, masks, scalars, size, factor);
                        float[] t =
                                judge.run(step, x, soft, in, null).lossTerms().toFloatArray();
                        double[] terms = new double[ShardPass.TERMS];
                        for (int k = 0; k < terms.length; k++) {
                            terms[k] = t[k];
                        }
                        sum += loss(terms, sigmas, continuous, masks.groups(), size, factor, config.embeddingDim())
                                * size;
                    }
                }
            }
            return sum / rows;
        }

        String sigmaRange() {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float f : lastSigmas) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            return min + ".." + max;
        }

        TrainingResult.StepTimes stepTimes() {
            double n = Math.max(1, steps);
            return new TrainingResult.StepTimes(
                    phase[0] / n / 1e6, phase[1] / n / 1e6, phase[2] / n / 1e6, phase[3] / n / 1e6, steps);
        }
    }

    /** Rows of batch {@code b}: {@code batch}, except for a shorter last one. */
    static int batchRows(int rows, int batch, int b) {
        return Math.min(rows, (b + 1) * batch) - b * batch;
    }

    /** Rows of shard {@code s} of a batch of {@code size} rows, as {@link #shardCuts} cuts it. */
    static int shardRows(int size, int s) {
        return size * (s + 1) / SHARDS - size * s / SHARDS;
    }

    /**
     * Where the shuffled data is cut: every batch into {@code shards} shards of nearly equal rows
     * (a shard may be empty when a last batch has fewer rows than shards).
     */
    static long[] shardCuts(int rows, int batch, int shards) {
        int batches = (rows + batch - 1) / batch;
        long[] cuts = new long[batches * shards - 1];
        int k = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * batch;
            int size = batchRows(rows, batch, b);
            for (int s = 1; s <= shards; s++) {
                if (k < cuts.length) {
                    cuts[k++] = from + (long) size * s / shards;
                }
            }
        }
        return cuts;
    }

    static ShardPass.Masks masks(NDManager root, OutputLayout layout) {
        int dim = layout.width();
        float[] tanhMask = new float[dim];
        float[] softMask = new float[dim];
        layout.continuous().forEach(i -> tanhMask[i] = 1f);
        int groups = layout.softmaxSpans().size();
        float[] indicator = new float[dim * Math.max(1, groups)];
        float[] indicatorT = new float[dim * Math.max(1, groups)];
        for (int g = 0; g < groups; g++) {
            int[] span = layout.softmaxSpans().get(g);
            for (int k = span[0]; k < span[0] + span[1]; k++) {
                softMask[k] = 1f;
                indicator[k * groups + g] = 1f;
                indicatorT[g * dim + k] = 1f;
            }
        }
        return new ShardPass.Masks(
                owned(root, tanhMask, new Shape(dim)),
                owned(root, softMask, new Shape(dim)),
                groups == 0 ? null : owned(root, indicator, new Shape(dim, groups)),
                groups == 0 ? null : owned(root, indicatorT, new Shape(groups, dim)),
                groups);
    }

    /** The sigma-derived values of this step, attached to the step. */
    static ShardPass.StepInputs stepInputs(
            NDManager step, NDArray sigma, ShardPass.Masks masks, Scalars scalars, int batch, float factor) {
        NDArray invSigma = attached(masks.tanh().div(sigma), step);
        NDArray invVar = invSigma.square();
        return new ShardPass.StepInputs(
                invVar, invVar.mul(scalars.of(0.5f)), invSigma.muli(scalars.of(factor / batch)), batch, factor);
    }

    /** The batch's loss from the shards' summed terms (see {@link ShardPass}) and the sigmas the step used. */
    static double loss(
            double[] terms, float[] sigmas, boolean[] continuous, int groups, int batch, float factor, int latent) {
        double sumLog = 0;
        for (int i = 0; i < sigmas.length; i++) {
            if (continuous[i]) {
                sumLog += Math.log(sigmas[i]);
            }
        }
        double reconstruction = terms[ShardPass.RECONSTRUCTION]
                + batch * sumLog
                + terms[ShardPass.LOG_SUM_EXP]
                + groups * terms[ShardPass.ROW_MAX]
                - terms[ShardPass.TARGET_LOGIT];
        double kl = 0.5 * (terms[ShardPass.KL] - (double) batch * latent);
        return (factor * reconstruction + kl) / batch;
    }

    private static NDArray attached(NDArray array, NDManager manager) {
        array.attach(manager);
        return array;
    }

    /**
     * An array whose memory belongs to PyTorch. DJL's {@code create} wraps a direct buffer that only the
     * Java wrapper keeps alive; views and results derived from it do not, so once the wrapper is
     * collected their memory can be freed and reused under them (seen as NaN sigmas and runs that
     * differed from one JVM to the next until the garbage collector was switched off).
     */
    static NDArray owned(NDManager manager, float[] data, Shape shape) {
        try (NDArray blob = manager.create(data, shape)) {
            return blob.duplicate();
        }
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
