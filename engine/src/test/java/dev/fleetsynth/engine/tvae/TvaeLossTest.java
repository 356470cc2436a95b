package dev.fleetsynth.engine.tvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Random;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The hand-derived loss and gradient of {@link ShardPass} against CTGAN's loss written column by
 * column: its value computed plainly in double precision, its gradient by PyTorch's autograd.
 * The batch is cut into two uneven shards, as training cuts it.
 */
class TvaeLossTest {
    private static final OutputLayout LAYOUT = new OutputLayout.Builder()
            .continuous()
            .softmax(3)
            .continuous()
            .softmax(2)
            .softmax(4)
            .build();
    private static final int DIM = LAYOUT.width();
    private static final int BATCH = 9;
    private static final int LATENT = 3;
    private static final float FACTOR = 2;
    private static final long NOISE_SEED = 77;

    @Test
    void lossAndGradientEqualThePerColumnDefinition() {
        Random r = new Random(5);
        TvaeNet net = new TvaeNet(DIM, 6, LATENT, 5);
        float[] params = net.initialParameters(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        for (int k = net.sigmaOffset(); k < params.length; k++) {
            params[k] = (float) (0.05 + r.nextDouble() * 0.5);
        }
        float[] x = batch(r);
        float[] eps = new float[BATCH * LATENT];
        ContinuousSampler gauss =
                ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(NOISE_SEED));
        for (int k = 0; k < eps.length; k++) {
            eps[k] = (float) gauss.sample();
        }

        Manual manual = manual(net, params, x);
        Reference reference = autograd(net, params, x, eps);

        double expected = reference(x, reference.recon(), sigmas(net, params), reference.mu(), reference.logvar());
        assertThat(reference.loss()).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
        assertThat(manual.loss()).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
        double scale = 0;
        for (float g : reference.gradient()) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertThat(scale).isPositive();
        for (int k = 0; k < params.length; k++) {
            assertThat((double) manual.gradient()[k])
                    .as("gradient of parameter %d", k)
                    .isCloseTo(reference.gradient()[k], within(1e-4 * scale));
        }
    }

    private record Manual(double loss, float[] gradient) {}

    private record Reference(double loss, float[] gradient, float[] recon, float[] mu, float[] logvar) {}

    /** Two shards (4 and 5 rows) through one pass, whose noise stream then matches {@code eps}. */
    private static Manual manual(TvaeNet net, float[] params, float[] x) {
        ai.djl.engine.Engine engine = Torch.engine();
        try (Autograd off = Autograd.off();
                NDManager m = engine.newBaseManager()) {
            NDList views = net.views(m.create(params), m);
            ShardPass.Masks masks = TvaeTrainer.masks(m, LAYOUT);
            Scalars scalars = new Scalars(m);
            ShardPass pass =
                    new ShardPass(views, masks, scalars, LATENT, RandomSource.XO_RO_SHI_RO_128_PP.create(NOISE_SEED));
            NDArray all = m.create(x, new Shape(BATCH, DIM));
            NDArray allSoft = all.mul(masks.soft());
            ShardPass.StepInputs in = TvaeTrainer.stepInputs(m, net.sigma(views), masks, scalars, BATCH, FACTOR);
            double[] terms = new double[ShardPass.TERMS];
            NDArray gradient = null;
            for (int[] rows : new int[][] {{0, 4}, {4, 9}}) {
                NDManager shard = m.newSubManager();
                NDArray xs = all.get("{}:{}", rows[0], rows[1]);
                xs.attach(shard);
                NDArray soft = allSoft.get("{}:{}", rows[0], rows[1]);
                soft.attach(shard);
                ShardPass.Result result = pass.run(shard, xs, soft, in, null);
                gradient = gradient == null ? result.gradient() : gradient.add(result.gradient());
                float[] t = result.lossTerms().toFloatArray();
                for (int k = 0; k < terms.length; k++) {
                    terms[k] += t[k];
                }
            }
            boolean[] continuous = new boolean[DIM];
            LAYOUT.continuous().forEach(i -> continuous[i] = true);
            double loss = TvaeTrainer.loss(
                    terms,
                    sigmas(net, params),
                    continuous,
                    LAYOUT.softmaxSpans().size(),
                    BATCH,
                    FACTOR,
                    LATENT);
            return new Manual(loss, gradient.toFloatArray());
        }
    }

    /** CTGAN's loss, column by column, recorded and back-propagated by PyTorch's autograd. */
    private static Reference autograd(TvaeNet net, float[] params, float[] x, float[] noise) {
        ai.djl.engine.Engine engine = Torch.engine();
        boolean previous = JniUtils.isGradMode();
        try (NDManager m = engine.newBaseManager()) {
            JniUtils.setGradMode(true);
            Scalars c = new Scalars(m);
            NDArray p = TvaeTrainer.owned(m, params, new Shape(params.length));
            p.setRequiresGradient(true);
            NDList w = net.views(p, m);
            NDArray xs = TvaeTrainer.owned(m, x, new Shape(BATCH, DIM));
            NDArray eps = TvaeTrainer.owned(m, noise, new Shape(BATCH, LATENT));
            NDArray[] muLogvar = net.encode(w, xs);
            NDArray std = muLogvar[1].mul(c.of(0.5f)).exp();
            NDArray recon = net.decode(w, eps.mul(std).add(muLogvar[0]));
            NDArray sigma = net.sigma(w);
            NDArray sum = c.of(0f);
            for (int col : LAYOUT.continuous()) {
                NDArray s = sigma.get("{}", col);
                NDArray diff = xs.get(":, {}", col).sub(recon.get(":, {}", col).tanh());
                sum = sum.add(diff.square().div(c.of(2f)).div(s.square()).sum())
                        .add(s.log().mul(c.of((float) BATCH)));
            }
            for (int[] span : LAYOUT.softmaxSpans()) {
                String cols = ":, " + span[0] + ":" + (span[0] + span[1]);
                sum = sum.sub(recon.get(cols).logSoftmax(1).mul(xs.get(cols)).sum());
            }
            NDArray kld = muLogvar[1]
                    .add(c.of(1f))
                    .sub(muLogvar[0].square())
                    .sub(muLogvar[1].exp())
                    .sum()
                    .mul(c.of(-0.5f));
            NDArray loss = sum.mul(c.of(FACTOR)).add(kld).div(c.of((float) BATCH));
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
            JniUtils.setGradMode(false);
            return new Reference(
                    loss.getFloat(),
                    p.getGradient().toFloatArray(),
                    recon.toFloatArray(),
                    muLogvar[0].toFloatArray(),
                    muLogvar[1].toFloatArray());
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    private static float[] sigmas(TvaeNet net, float[] params) {
        return java.util.Arrays.copyOfRange(params, net.sigmaOffset(), params.length);
    }

    private static float[] batch(Random r) {
        float[] x = new float[BATCH * DIM];
        for (int i = 0; i < BATCH; i++) {
            x[i * DIM] = (float) (r.nextDouble() * 1.8 - 0.9);
            x[i * DIM + 1 + r.nextInt(3)] = 1;
            x[i * DIM + 4] = (float) (r.nextDouble() * 1.8 - 0.9);
            x[i * DIM + 5 + r.nextInt(2)] = 1;
            x[i * DIM + 7 + r.nextInt(4)] = 1;
        }
        return x;
    }

    /** CTGAN's _loss_function, column by column, in double precision. */
    static double reference(float[] x, float[] recon, float[] sigma, float[] mu, float[] logvar) {
        double sum = 0;
        for (int c : LAYOUT.continuous()) {
            double s = sigma[c];
            for (int i = 0; i < BATCH; i++) {
                double eq = x[i * DIM + c] - Math.tanh(recon[i * DIM + c]);
                sum += eq * eq / 2 / (s * s);
            }
            sum += Math.log(s) * BATCH;
        }
        for (int[] span : LAYOUT.softmaxSpans()) {
            for (int i = 0; i < BATCH; i++) {
                double max = Double.NEGATIVE_INFINITY;
                int target = -1;
                for (int k = span[0]; k < span[0] + span[1]; k++) {
                    max = Math.max(max, recon[i * DIM + k]);
                    if (x[i * DIM + k] == 1) {
                        target = k;
                    }
                }
                double z = 0;
                for (int k = span[0]; k < span[0] + span[1]; k++) {
                    z += Math.exp(recon[i * DIM + k] - max);
                }
                sum += Math.log(z) + max - recon[i * DIM + target];
            }
        }
        double kld = 0;
        for (int k = 0; k < mu.length; k++) {
            kld += 1 + logvar[k] - mu[k] * mu[k] - Math.exp(logvar[k]);
        }
        kld *= -0.5;
        return sum * FACTOR / BATCH + kld / BATCH;
    }
}
