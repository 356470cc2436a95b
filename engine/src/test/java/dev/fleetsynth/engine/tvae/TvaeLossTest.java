package dev.fleetsynth.engine.tvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole-matrix loss equals CTGAN's per-column loop, computed here plainly in Java. */
class TvaeLossTest {
    @Test
    void maskedLossEqualsThePerColumnDefinition() {
        OutputLayout layout = new OutputLayout.Builder().continuous().softmax(3).continuous().softmax(2).softmax(4).build();
        int dim = layout.width();
        int batch = 7;
        Random r = new Random(5);
        float[] x = new float[batch * dim];
        float[] recon = new float[batch * dim];
        for (int i = 0; i < batch; i++) {
            x[i * dim] = (float) (r.nextDouble() * 1.8 - 0.9);
            x[i * dim + 1 + r.nextInt(3)] = 1;
            x[i * dim + 4] = (float) (r.nextDouble() * 1.8 - 0.9);
            x[i * dim + 5 + r.nextInt(2)] = 1;
            x[i * dim + 7 + r.nextInt(4)] = 1;
        }
        for (int k = 0; k < recon.length; k++) {
            recon[k] = (float) (r.nextGaussian() * 3);
        }
        float[] sigma = new float[dim];
        for (int k = 0; k < dim; k++) {
            sigma[k] = (float) (0.05 + r.nextDouble() * 0.5);
        }
        int latent = 3;
        float[] mu = new float[batch * latent];
        float[] logvar = new float[batch * latent];
        for (int k = 0; k < mu.length; k++) {
            mu[k] = (float) r.nextGaussian();
            logvar[k] = (float) (r.nextGaussian() * 0.5);
        }
        float factor = 2;

        double expected = reference(layout, x, recon, sigma, mu, logvar, batch, factor);

        try (NDManager m = Torch.engine().newBaseManager()) {
            float[] tanhMask = new float[dim];
            float[] softMask = new float[dim];
            layout.continuous().forEach(i -> tanhMask[i] = 1);
            int groups = layout.softmaxSpans().size();
            float[] indicator = new float[dim * groups];
            for (int g = 0; g < groups; g++) {
                int[] span = layout.softmaxSpans().get(g);
                for (int k = span[0]; k < span[0] + span[1]; k++) {
                    softMask[k] = 1;
                    indicator[k * groups + g] = 1;
                }
            }
            NDArray xs = m.create(x, new Shape(batch, dim));
            NDArray lv = m.create(logvar, new Shape(batch, latent));
            NDArray loss = TvaeTrainer.loss(xs, xs.mul(m.create(softMask, new Shape(1, dim))), m.create(recon, new Shape(batch, dim)),
                    m.create(sigma), m.create(mu, new Shape(batch, latent)), lv, lv.mul(0.5f).exp(),
                    m.create(tanhMask, new Shape(1, dim)).mul(0.5f), m.create(tanhMask, new Shape(1, dim)),
                    m.create(indicator, new Shape(dim, groups)), groups, factor, batch, new Scalars(m));
            assertThat((double) loss.getFloat()).isCloseTo(expected, within(1e-3 * Math.abs(expected)));
        }
    }

    /** CTGAN's _loss_function, column by column, in double precision. */
    static double reference(OutputLayout layout, float[] x, float[] recon, float[] sigma, float[] mu, float[] logvar, int batch,
                            float factor) {
        int dim = layout.width();
        double sum = 0;
        for (int c : layout.continuous()) {
            double s = sigma[c];
            for (int i = 0; i < batch; i++) {
                double eq = x[i * dim + c] - Math.tanh(recon[i * dim + c]);
                sum += eq * eq / 2 / (s * s);
            }
            sum += Math.log(s) * batch;
        }
        for (int[] span : layout.softmaxSpans()) {
            for (int i = 0; i < batch; i++) {
                double max = Double.NEGATIVE_INFINITY;
                int target = -1;
                for (int k = span[0]; k < span[0] + span[1]; k++) {
                    max = Math.max(max, recon[i * dim + k]);
                    if (x[i * dim + k] == 1) {
                        target = k;
                    }
                }
                double z = 0;
                for (int k = span[0]; k < span[0] + span[1]; k++) {
                    z += Math.exp(recon[i * dim + k] - max);
                }
                sum += Math.log(z) + max - recon[i * dim + target];
            }
        }
        double kld = 0;
        for (int k = 0; k < mu.length; k++) {
            kld += 1 + logvar[k] - mu[k] * mu[k] - Math.exp(logvar[k]);
        }
        kld *= -0.5;
        return sum * factor / batch + kld / batch;
    }
}
