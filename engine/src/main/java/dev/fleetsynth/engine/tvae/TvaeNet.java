package dev.fleetsynth.engine.tvae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The TVAE network's shape and its parameters as ONE flat float buffer. Every training step costs a
 * fixed few microseconds per native operation whatever its size, so parameters are updated by one
 * fused Adam call on the whole buffer and cut into per-layer views by one split, instead of a
 * dozen of each per step.
 *
 * <p>Layout, weights stored (out, in) as {@code torch.nn.Linear} does: encoder (D -> c -> c), one
 * head for mu and logvar together (c -> 2e), decoder (e -> d -> d -> D), then the D output sigmas.
 */
record TvaeNet(int dataDim, int compress, int embedding, int decompress) {
    static final double SIGMA_INIT = 0.1;
    static final double SIGMA_MIN = 0.01;
    static final double SIGMA_MAX = 1.0;

    /** Parameter shapes in buffer order. */
    List<Shape> shapes() {
        return List.of(
                new Shape(compress, dataDim),
                new Shape(compress),
                new Shape(compress, compress),
                new Shape(compress),
                new Shape(2L * embedding, compress),
                new Shape(2L * embedding),
                new Shape(decompress, embedding),
                new Shape(decompress),
                new Shape(decompress, decompress),
                new Shape(decompress),
                new Shape(dataDim, decompress),
                new Shape(dataDim),
                new Shape(dataDim));
    }

    int size() {
        return (int) shapes().stream().mapToLong(Shape::size).sum();
    }

    int sigmaOffset() {
        return size() - dataDim;
    }

    /** Split points of the flat buffer, for {@link NDArray#split(long[])}. */
    long[] splitPoints() {
        List<Shape> shapes = shapes();
        long[] points = new long[shapes.size() - 1];
        long at = 0;
        for (int i = 0; i < points.length; i++) {
            at += shapes.get(i).size();
            points[i] = at;
        }
        return points;
    }

    /** PyTorch's default Linear initialisation: weights and biases uniform in +-1/sqrt(fan_in); sigmas 0.1. */
    float[] initialParameters(UniformRandomProvider rng) {
        float[] p = new float[size()];
        List<Shape> shapes = shapes();
        int at = 0;
        for (int i = 0; i < shapes.size() - 1; i += 2) {
            long fanIn = shapes.get(i).get(1);
            double bound = 1 / Math.sqrt(fanIn);
            long n = shapes.get(i).size() + shapes.get(i + 1).size();
            for (long k = 0; k < n; k++) {
                p[at++] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            }
        }
        for (int k = 0; k < dataDim; k++) {
            p[at++] = (float) SIGMA_INIT;
        }
        return p;
    }

    /** Per-layer views of the flat buffer, reshaped, all owned by {@code manager}. */
    NDList views(NDArray flat, NDManager manager) {
        NDList parts = flat.split(splitPoints());
        List<Shape> shapes = shapes();
        NDList views = new NDList(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            NDArray part = parts.get(i);
            part.attach(manager);
            NDArray view = shapes.get(i).dimension() == 1 ? part : part.reshape(shapes.get(i));
            view.attach(manager);
            views.add(view);
        }
        return views;
    }

    /** Encoder: mu and logvar, each (batch, e). */
    NDArray[] encode(NDList w, NDArray x) {
        NDArray h = Activation.relu(Linear.linear(x, w.get(0), w.get(1)).singletonOrThrow());
        h = Activation.relu(Linear.linear(h, w.get(2), w.get(3)).singletonOrThrow());
        NDArray head = Linear.linear(h, w.get(4), w.get(5)).singletonOrThrow();
        NDList muLogvar = head.split(2, 1);
        return new NDArray[] {muLogvar.get(0), muLogvar.get(1)};
    }

    /** Decoder: raw outputs (batch, D), before tanh. */
    NDArray decode(NDList w, NDArray z) {
        NDArray g = Activation.relu(Linear.linear(z, w.get(6), w.get(7)).singletonOrThrow());
        g = Activation.relu(Linear.linear(g, w.get(8), w.get(9)).singletonOrThrow());
        return Linear.linear(g, w.get(10), w.get(11)).singletonOrThrow();
    }

    NDArray sigma(NDList w) {
        return w.get(12);
    }
}
