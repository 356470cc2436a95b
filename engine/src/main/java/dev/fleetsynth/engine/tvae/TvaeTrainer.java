package dev.fleetsynth.engine.tvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Trains the TVAE network with the loss of CTGAN's TVAE: for continuous outputs the Gaussian
 * negative log-likelihood {@code (x - tanh(x_hat))^2 / (2 sigma^2) + log sigma}, cross-entropy for
 * each one-hot group, both times {@code lossFactor} and over the batch, plus the KL divergence of
 * the latent code; Adam with L2 weight decay; sigmas clamped to [0.01, 1] after every step.
 *
 * <p>Speed comes from doing few native operations per step (each costs microseconds whatever its
 * size): the loss is computed on whole matrices with masks instead of a loop over columns (the
 * cross-entropy of every one-hot group at once through a log-sum-exp by group indicator matmul),
 * batches are slices of one tensor shuffled once per epoch, and the parameters live in one flat
 * buffer updated by one fused Adam call that also clears the gradient.
 *
 * <p>Memory: DJL attaches a result to its first operand's manager, so every array that outlives a
 * step (data, masks, parameters) is never a first operand inside the step, and the views, batch
 * slices and gradient handles taken from them are attached to the step's manager, which is closed
 * after every step.
 */
public final class TvaeTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private TvaeTrainer() {
    }

    public static TrainingResult train(float[] data, int rows, OutputLayout layout, TvaeConfig config,
                                       TrainingListener listener, BooleanSupplier cancelled) {
        int dim = layout.width();
        if ((long) rows * dim != data.length) {
            throw new IllegalArgumentException("data holds " + data.length + " values, expected " + rows + " x " + dim);
        }
        if (rows < 2) {
            throw new IllegalArgumentException("need at least 2 rows to train, got " + rows);
        }
        TvaeNet net = new TvaeNet(dim, config.compressDim(), config.embeddingDim(), config.decompressDim());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(config.seed());
        // The latent noise comes from our own seeded generator, not torch's process-wide one, so a
        // training is reproducible whatever else runs in the process, trainings in parallel included.
        ContinuousSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        Engine engine = Torch.engine();
        int batch = Math.min(config.batchSize(), rows);
        int batches = (rows + batch - 1) / batch;
        float factor = (float) config.lossFactor();
        double[] curve = new double[config.epochs()];
        long[] phase = new long[4];
        long steps = 0;
        long start = System.nanoTime();
        TrainingResult.Outcome outcome = TrainingResult.Outcome.COMPLETED;
        int epochsRun = 0;
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        try (Autograd off = Autograd.off(); NDManager root = engine.newBaseManager()) {
            NDArray all = owned(root, data, new Shape(rows, dim));
            float[] tanhMask = new float[dim];
            float[] softMask = new float[dim];
            layout.continuous().forEach(i -> tanhMask[i] = 1f);
            int groups = layout.softmaxSpans().size();
            float[] indicator = new float[dim * Math.max(1, groups)];
            for (int g = 0; g < groups; g++) {
                int[] span = layout.softmaxSpans().get(g);
                for (int k = span[0]; k < span[0] + span[1]; k++) {
                    softMask[k] = 1f;
                    indicator[k * groups + g] = 1f;
                }
            }
            Scalars scalars = new Scalars(root);
            NDArray halfTanhMask = owned(root, tanhMask, new Shape(1, dim)).mul(0.5f);
            NDArray tanhMaskRow = owned(root, tanhMask, new Shape(1, dim));
            NDArray groupIndicator = groups == 0 ? null : owned(root, indicator, new Shape(dim, groups));
            // x restricted to the one-hot groups: sum(x_hat * that) is the target logit of every group at once.
            NDArray allSoft = all.mul(owned(root, softMask, new Shape(1, dim)));
            NDArray params = owned(root, net.initialParameters(rng), new Shape(net.size()));
            params.setRequiresGradient(true);
            NDArray mean = root.zeros(params.getShape());
            NDArray variance = root.zeros(params.getShape());
            NDIndex sigmaRange = new NDIndex("{}:", net.sigmaOffset());
            int latent = config.embeddingDim();
            float[] noise = new float[rows * latent];
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                if (cancelled.getAsBoolean()) {
                    outcome = TrainingResult.Outcome.CANCELLED;
                    break;
                }
                shuffle(order, rng);
                double lossSum = 0;
                try (NDManager epochManager = root.newSubManager()) {
                    NDArray index = epochManager.create(order);
                    NDArray shuffled = all.get(index);
                    shuffled.attach(epochManager);
                    NDArray shuffledSoft = allSoft.get(index);
                    shuffledSoft.attach(epochManager);
                    for (int k = 0; k < noise.length; k++) {
                        noise[k] = (float) gauss.sample();
                    }
                    NDArray epochNoise = owned(epochManager, noise, new Shape(rows, latent));
                    for (int b = 0; b < batches; b++) {
                        int from = b * batch;
                        int to = Math.min(rows, from + batch);
                        try (NDManager step = epochManager.newSubManager()) {
                            long t0 = System.nanoTime();
                            NDArray x = shuffled.get(new NDIndex("{}:{}", from, to));
                            x.attach(step);
                            NDArray xSoft = shuffledSoft.get(new NDIndex("{}:{}", from, to));
                            xSoft.attach(step);
                            NDArray eps = epochNoise.get(new NDIndex("{}:{}", from, to));
                            eps.attach(step);
                            NDArray loss;
                            NDArray mu;
                            NDArray logvar;
                            NDArray recon;
                            long t1;
                            long t2;
                            try (Autograd recording = Autograd.record()) {
                                NDList w = net.views(params, step);
                                NDArray[] muLogvar = net.encode(w, x);
                                mu = muLogvar[0];
                                logvar = muLogvar[1];
                                NDArray std = logvar.mul(scalars.of(0.5f)).exp();
                                NDArray z = eps.mul(std).add(mu);
                                recon = net.decode(w, z);
                                t1 = System.nanoTime();
                                loss = loss(x, xSoft, recon, net.sigma(w), mu, logvar, std, halfTanhMask, tanhMaskRow,
                                        groupIndicator, groups, factor, to - from, scalars);
                                t2 = System.nanoTime();
                                Autograd.backward(loss);
                            }
                            long t3 = System.nanoTime();
                            float value = loss.getFloat();
                            if (!Float.isFinite(value)) {
                                throw new TrainingDivergedException("the loss became " + value + " at epoch " + (epoch + 1) + ", step "
                                        + (steps + 1) + " (" + diagnose(mu, logvar, recon, params.get(sigmaRange)) + ")");
                            }
                            steps++;
                            NDArray gradient = params.getGradient();
                            gradient.attach(step);
                            double correction = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
                            params.getNDArrayInternal().adamUpdate(new NDList(params, gradient, mean, variance), new NDList(params),
                                    (float) config.learningRate(), (float) (config.learningRate() * correction),
                                    (float) config.l2scale(), 1f, -1f, (float) BETA1, (float) BETA2, (float) EPSILON, false, false);
                            NDArray sigma = params.get(sigmaRange);
                            sigma.attach(step);
                            params.set(sigmaRange, sigma.clip(TvaeNet.SIGMA_MIN, TvaeNet.SIGMA_MAX));
                            long t4 = System.nanoTime();
                            phase[0] += t1 - t0;
                            phase[1] += t2 - t1;
                            phase[2] += t3 - t2;
                            phase[3] += t4 - t3;
                            lossSum += value * (to - from);
                        }
                    }
                }
                double epochLoss = lossSum / rows;
                curve[epoch] = epochLoss;
                epochsRun = epoch + 1;
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration eta = elapsed.multipliedBy(config.epochs() - epochsRun).dividedBy(epochsRun);
                listener.epoch(new TrainingListener.EpochProgress(epochsRun, config.epochs(), epochLoss, elapsed, eta));
                if (!Double.isFinite(epochLoss)) {
                    throw new TrainingDivergedException("the loss became " + epochLoss + " at epoch " + epochsRun);
                }
                if (config.earlyStopPatience() > 0) {
                    if (epochLoss < best - config.earlyStopMinDelta()) {
                        best = epochLoss;
                        sinceBest = 0;
                    } else if (++sinceBest >= config.earlyStopPatience()) {
                        outcome = TrainingResult.Outcome.STOPPED_EARLY;
                        break;
                    }
                }
            }
            float[] trained = params.toFloatArray();
            double n = Math.max(1, steps);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new TrainingResult(trained, java.util.Arrays.copyOf(curve, epochsRun), outcome, seconds,
                    new TrainingResult.StepTimes(phase[0] / n / 1e6, phase[1] / n / 1e6, phase[2] / n / 1e6, phase[3] / n / 1e6, steps));
        }
    }

    /**
     * CTGAN's TVAE loss on whole matrices: every operation's first operand is a step array, so that
     * results are freed with the step.
     */
    static NDArray loss(NDArray x, NDArray xSoft, NDArray recon, NDArray sigma, NDArray mu, NDArray logvar, NDArray std,
                                NDArray halfTanhMask, NDArray tanhMaskRow, NDArray groupIndicator, int groups, float factor,
                                int batch, Scalars scalars) {
        // Continuous outputs: sum over rows and tanh columns of (x - tanh(x_hat))^2 / (2 sigma^2), plus batch * sum log sigma.
        NDArray diff = x.sub(recon.tanh());
        NDArray weights = sigma.pow(scalars.of(-2f)).mul(halfTanhMask);
        NDArray reconstruction = diff.square().mul(weights).sum();
        reconstruction = reconstruction.add(sigma.log().mul(tanhMaskRow).sum().mul(scalars.of(batch)));
        if (groups > 0) {
            // Cross-entropy of every one-hot group: log-sum-exp over the group minus the target's logit.
            NDArray rowMax = recon.max(new int[] {1}, true).stopGradient();
            NDArray groupSums = recon.sub(rowMax).exp().matMul(groupIndicator);
            NDArray logSumExp = groupSums.clip(1e-30f, Float.MAX_VALUE).log().sum().add(rowMax.sum().mul(scalars.of(groups)));
            reconstruction = reconstruction.add(logSumExp.sub(recon.mul(xSoft).sum()));
        }
        NDArray kld = mu.square().add(std.square()).sub(logvar).sub(scalars.of(1f)).sum().mul(scalars.of(0.5f));
        return reconstruction.mul(scalars.of(factor)).add(kld).div(scalars.of(batch));
    }

    /** Where a non-finite loss came from, in numbers a bug report can use. */
    private static String diagnose(NDArray mu, NDArray logvar, NDArray recon, NDArray sigma) {
        return String.format(java.util.Locale.ROOT, "max |mu| %.3g, logvar %.3g..%.3g, max |x_hat| %.3g, sigma %.3g..%.3g",
                mu.abs().max().getFloat(), logvar.min().getFloat(), logvar.max().getFloat(), recon.abs().max().getFloat(),
                sigma.min().getFloat(), sigma.max().getFloat());
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
