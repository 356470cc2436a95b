package dev.fleetsynth.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.fleetsynth.engine.tvae.OutputLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline for the TVAE step: the same network and loss written the straightforward DJL way, as a
 * first port of CTGAN's code would be: one array per layer parameter, DJL's Adam updating each in
 * turn, torch's random normal for the latent noise, and the loss as a loop over output columns.
 * Comparing its step time with the engine's shows what the flat buffer, fused update and masked
 * loss are worth.
 */
final class NaiveDjlTvae {
    private NaiveDjlTvae() {}

    /** Mean milliseconds per training step over {@code epochs} epochs. */
    static double msPerStep(float[] data, int rows, OutputLayout layout, int epochs) {
        int dim = layout.width();
        Engine engine = Engine.getEngine("PyTorch");
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(1e-3f))
                .optWeightDecays(1e-5f)
                .build();
        try (NDManager root = engine.newBaseManager()) {
            int[][] shapes = {
                {128, dim},
                {128},
                {128, 128},
                {128},
                {128, 128},
                {128},
                {128, 128},
                {128},
                {128, 128},
                {128},
                {128, 128},
                {128},
                {dim, 128},
                {dim}
            };
            List<NDArray> params = new ArrayList<>();
            for (int[] s : shapes) {
                double bound = 1 / Math.sqrt(s.length == 2 ? s[1] : 128);
                NDArray p = root.randomUniform((float) -bound, (float) bound, new Shape(toLong(s)));
                p.setRequiresGradient(true);
                params.add(p);
            }
            NDArray sigma = root.ones(new Shape(dim)).mul(0.1f);
            sigma.setRequiresGradient(true);
            params.add(sigma);
            NDArray all = root.create(data, new Shape(rows, dim));
            int batch = 500;
            long steps = 0;
            long start = System.nanoTime();
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int from = 0; from + batch <= rows; from += batch) {
                    try (NDManager step = root.newSubManager()) {
                        NDArray x = all.get(new NDIndex("{}:{}", from, from + batch));
                        x.attach(step);
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            NDArray h = Activation.relu(Linear.linear(x, params.get(0), params.get(1))
                                    .singletonOrThrow());
                            h = Activation.relu(Linear.linear(h, params.get(2), params.get(3))
                                    .singletonOrThrow());
                            NDArray mu = Linear.linear(h, params.get(4), params.get(5))
                                    .singletonOrThrow();
                            NDArray logvar = Linear.linear(h, params.get(6), params.get(7))
                                    .singletonOrThrow();
                            NDArray std = logvar.mul(0.5f).exp();
                            NDArray eps = step.randomNormal(mu.getShape());
                            NDArray z = eps.mul(std).add(mu);
                            NDArray g = Activation.relu(Linear.linear(z, params.get(8), params.get(9))
                                    .singletonOrThrow());
                            g = Activation.relu(Linear.linear(g, params.get(10), params.get(11))
                                    .singletonOrThrow());
                            NDArray recon = Linear.linear(g, params.get(12), params.get(13))
                                    .singletonOrThrow();
                            NDArray loss = step.zeros(new Shape());
                            for (int c : layout.continuous()) {
                                NDArray s = sigma.get(c);
                                s.attach(step);
                                NDArray eq = x.get(":, " + c)
                                        .sub(recon.get(":, " + c).tanh());
                                loss = loss.add(eq.square()
                                                .div(s.square().mul(2))
                                                .sum())
                                        .add(s.log().mul(batch));
                            }
                            for (int[] span : layout.softmaxSpans()) {
                                String cols = ":, " + span[0] + ":" + (span[0] + span[1]);
                                loss = loss.sub(recon.get(cols)
                                        .logSoftmax(1)
                                        .mul(x.get(cols))
                                        .sum());
                            }
                            NDArray kld = mu.square()
                                    .add(std.square())
                                    .sub(logvar)
                                    .sub(1f)
                                    .sum()
                                    .mul(0.5f);
                            loss = loss.mul(2).add(kld).div(batch);
                            gc.backward(loss);
                        }
                        for (int i = 0; i < params.size(); i++) {
                            NDArray grad = params.get(i).getGradient();
                            grad.attach(step);
                            adam.update("p" + i, params.get(i), grad);
                        }
                        steps++;
                    }
                }
            }
            return (System.nanoTime() - start) / 1e6 / steps;
        }
    }

    private static long[] toLong(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            l[i] = s[i];
        }
        return l;
    }
}
