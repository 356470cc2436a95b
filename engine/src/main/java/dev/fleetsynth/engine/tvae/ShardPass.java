package dev.fleetsynth.engine.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One shard of a training batch through the TVAE, forward and back, with the gradient of CTGAN's
 * TVAE loss worked out by hand instead of recorded by autograd.
 *
 * <p>Why by hand: the two shards of a batch run on two threads at once, and each needs a gradient
 * of its own to add afterwards, while autograd accumulates every backward pass into the
 * parameters' one gradient. The closed form also needs no graph: about a hundred operations per
 * shard, many of them in place. On one thread it is about as fast as the autograd step it
 * replaced. {@code TvaeLossTest} checks it against autograd's gradient.
 *
 * <p>With {@code L = [F (R + C) + K] / B} for a batch of {@code B} rows, where {@code R} is the
 * Gaussian term of the continuous outputs, {@code C} the cross-entropy of the one-hot groups and
 * {@code K} the KL divergence:
 * <ul>
 *   <li>continuous output {@code j}: {@code dL/dx_hat = -F/B (x - t)(1 - t^2) / sigma_j^2} with
 *       {@code t = tanh(x_hat)}, and {@code dL/dsigma_j = F/B [b - sum (x - t)^2 / sigma_j^2] / sigma_j}
 *       for the {@code b} rows of the shard</li>
 *   <li>one-hot group: {@code dL/dx_hat = F/B (softmax(x_hat) - x)} within the group</li>
 *   <li>latent: {@code dL/dmu = dz + mu/B},
 *       {@code dL/dlogvar = dz eps std / 2 + (std^2 - 1) / (2B)}</li>
 *   <li>every linear layer {@code y = a W^T + c}: {@code dW = dy^T a}, {@code dc = sum dy},
 *       {@code da = dy W}, and through ReLU only where its output was positive</li>
 * </ul>
 * Shards of one batch add up to the batch's gradient because every term is a sum over rows divided
 * by the whole batch's {@code B}.
 *
 * <p>Memory: every result is attached to its first operand's manager, so every operation here
 * starts from an array of the shard's step (its slice of the batch, its noise, or a result derived
 * from them), never from a parameter view or a mask, and the step's manager frees all of it.
 */
final class ShardPass {
    /** The loss terms a shard reports, summed over its rows, in this order. */
    static final int RECONSTRUCTION = 0;

    static final int LOG_SUM_EXP = 1;
    static final int ROW_MAX = 2;
    static final int TARGET_LOGIT = 3;
    static final int KL = 4;
    static final int TERMS = 5;

    private final NDList w;
    private final Masks masks;
    private final Scalars scalars;
    private final int latent;
    private final ContinuousSampler gauss;
    private final ByteBuffer[] buffers = new ByteBuffer[2];
    private int inUse = -1;
    private int ready = -1;
    private int readyRows;

    /**
     * Per-step values every shard shares: derived from the sigmas after the last update.
     *
     * @param invVar     {@code 1 / sigma^2} on continuous outputs, 0 elsewhere, shape (D)
     * @param halfInvVar {@code 1 / (2 sigma^2)} likewise
     * @param sigmaScale {@code F / (B sigma)} on continuous outputs, 0 elsewhere
     * @param batch      rows of the whole batch ({@code B})
     * @param factor     the loss factor {@code F}
     */
    record StepInputs(NDArray invVar, NDArray halfInvVar, NDArray sigmaScale, int batch, float factor) {}

    /** Constant arrays of the output layout, alive for the whole training. */
    record Masks(NDArray tanh, NDArray soft, NDArray indicator, NDArray indicatorT, int groups) {}

    /** A shard's flat gradient (the parameter buffer's layout) and its loss terms (see the constants). */
    record Result(NDArray gradient, NDArray lossTerms) {}

    ShardPass(NDList weights, Masks masks, Scalars scalars, int latent, UniformRandomProvider rng) {
        this.w = weights;
        this.masks = masks;
        this.scalars = scalars;
        this.latent = latent;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * Runs the shard; {@code x} and {@code xSoft} (x on one-hot outputs only) must belong to
     * {@code step}. Timings go into {@code phase} (forward, loss, backward) when it is not null.
     */
    Result run(NDManager step, NDArray x, NDArray xSoft, StepInputs in, long[] phase) {
        long t0 = System.nanoTime();
        int rows = (int) x.getShape().get(0);
        NDArray eps = noise(step, rows);
        // Forward.
        NDArray a1 = relu(linear(x, 0));
        NDArray a2 = relu(linear(a1, 2));
        NDArray head = linear(a2, 4);
        NDList muLogvar = head.split(2, 1);
        NDArray mu = muLogvar.get(0);
        NDArray logvar = muLogvar.get(1);
        NDArray std = logvar.mul(scalars.of(0.5f)).exp();
        NDArray z = eps.mul(std).addi(mu);
        NDArray r1 = relu(linear(z, 6));
        NDArray r2 = relu(linear(r1, 8));
        NDArray xHat = linear(r2, 10);
        long t1 = System.nanoTime();

        // Loss terms and the gradient at the output.
        NDArray t = xHat.tanh();
        NDArray d = x.sub(t).muli(masks.tanh());
        NDArray columnSquares = d.square().sum(new int[] {0});
        NDArray dxHat;
        NDArray logSumExp;
        NDArray rowMax;
        NDArray target;
        // (1 - t^2) d / sigma^2, in place over t
        NDArray continuous = t.muli(t).negi().addi(scalars.of(1f)).muli(d).muli(in.invVar());
        if (masks.groups() > 0) {
            // Softmax of every one-hot group at once: exp against the row's maximum, group sums by an
            // indicator matmul, spread back over the group's columns (1 on other columns).
            rowMax = xHat.max(new int[] {1}, true);
            NDArray e = xHat.sub(rowMax).exp();
            NDArray groupSums = e.matMul(masks.indicator()).addi(scalars.of(1e-30f));
            NDArray spread = groupSums.matMul(masks.indicatorT()).addi(masks.tanh());
            dxHat = e.divi(spread).muli(masks.soft()).subi(xSoft).subi(continuous);
            logSumExp = groupSums.log().sum();
            rowMax = rowMax.sum();
            target = xHat.mul(xSoft).sum();
        } else {
            dxHat = continuous.negi();
            logSumExp = scalars.of(0f);
            rowMax = logSumExp;
            target = logSumExp;
        }
        dxHat.muli(scalars.of(in.factor() / in.batch()));
        NDArray reconstruction = columnSquares.mul(in.halfInvVar()).sum();
        NDArray variance = std.square();
        NDArray kl = mu.square().addi(variance).subi(logvar).sum();
        NDArray lossTerms = NDArrays.stack(new NDList(reconstruction, logSumExp, rowMax, target, kl));
        long t2 = System.nanoTime();

        // Backward, from the output layer to the first.
        NDArray[] grads = new NDArray[13];
        NDArray dr2 = backLinear(dxHat, r2, 10, grads).muli(r2.sign());
        NDArray dr1 = backLinear(dr2, r1, 8, grads).muli(r1.sign());
        NDArray dz = backLinear(dr1, z, 6, grads);
        float invBatch = 1f / in.batch();
        NDArray dMu = mu.mul(scalars.of(invBatch)).addi(dz);
        NDArray dLogvar = dz.muli(eps)
                .muli(std)
                .muli(scalars.of(0.5f))
                .addi(variance.subi(scalars.of(1f)).muli(scalars.of(0.5f * invBatch)));
        NDArray dHead = dMu.concat(dLogvar, 1);
        NDArray da2 = backLinear(dHead, a2, 4, grads).muli(a2.sign());
        NDArray da1 = backLinear(da2, a1, 2, grads).muli(a1.sign());
        grads[0] = da1.transpose().matMul(x).reshape(-1);
        grads[1] = da1.sum(new int[] {0});
        // dL/dsigma = F/B [b - sum (x - t)^2 / sigma^2] / sigma on continuous outputs
        grads[12] = columnSquares
                .muli(in.invVar())
                .negi()
                .addi(scalars.of((float) rows))
                .muli(in.sigmaScale());
        NDArray gradient = NDArrays.concat(new NDList(grads));
        if (phase != null) {
            long t3 = System.nanoTime();
            phase[0] += t1 - t0;
            phase[1] += t2 - t1;
            phase[2] += t3 - t2;
        }
        return new Result(gradient, lossTerms);
    }

    private static NDArray relu(NDArray a) {
        return a.getNDArrayInternal().relu();
    }

    private NDArray linear(NDArray input, int layer) {
        return input.getNDArrayInternal()
                .linear(input, w.get(layer), w.get(layer + 1))
                .singletonOrThrow();
    }

    /** Stores the layer's weight and bias gradients; returns the gradient of its input. */
    private NDArray backLinear(NDArray dy, NDArray input, int layer, NDArray[] grads) {
        grads[layer] = dy.transpose().matMul(input).reshape(-1);
        grads[layer + 1] = dy.sum(new int[] {0});
        return dy.matMul(w.get(layer));
    }

    /**
     * Draws the noise of this pass's next shard ahead of time, for a thread that would otherwise
     * wait; the numbers and their order are the same as when drawn at the start of the shard.
     */
    void prefetch(int rows) {
        if (ready < 0 && rows > 0) {
            ready = fill(spare(rows), rows);
            readyRows = rows;
        }
    }

    /**
     * The shard's latent noise, from its own seeded stream. The array is a view of a direct buffer
     * this pass keeps (no copy). Two buffers alternate, so that the next shard's noise can be drawn
     * while this one's is still in use; a buffer is refilled only after the step that used it has
     * been freed.
     */
    private NDArray noise(NDManager step, int rows) {
        if (ready >= 0 && readyRows != rows) {
            throw new IllegalStateException("noise drawn for " + readyRows + " rows, the shard has " + rows);
        }
        inUse = ready >= 0 ? ready : fill(spare(rows), rows);
        ready = -1;
        ByteBuffer view = buffers[inUse].duplicate().order(ByteOrder.nativeOrder());
        view.limit(rows * latent * Float.BYTES);
        return step.create(view, new Shape(rows, latent), DataType.FLOAT32);
    }

    /** The index of the buffer not handed out last, made large enough for {@code rows}. */
    private int spare(int rows) {
        int bytes = rows * latent * Float.BYTES;
        int k = inUse == 0 ? 1 : 0;
        if (buffers[k] == null || buffers[k].capacity() < bytes) {
            buffers[k] = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        return k;
    }

    private int fill(int k, int rows) {
        FloatBuffer f = buffers[k].asFloatBuffer();
        for (int i = 0, n = rows * latent; i < n; i++) {
            f.put(i, (float) gauss.sample());
        }
        return k;
    }
}
