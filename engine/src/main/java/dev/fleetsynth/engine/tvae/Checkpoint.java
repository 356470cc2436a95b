package dev.fleetsynth.engine.tvae;

import dev.fleetsynth.engine.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a TVAE training stands after some epochs: its parameters, Adam's moments and step count,
 * and the loss of every epoch so far. A training resumed from it goes on from the next epoch with
 * the same parameters and optimiser state; its batches are shuffled and its noise drawn from streams
 * seeded by the seed and the epoch, so the epochs after it are not those an uninterrupted run would
 * have had (neither better nor worse: another draw). Early stopping starts counting again.
 */
public record Checkpoint(
        int epochsDone, long steps, float[] parameters, float[] mean, float[] variance, double[] lossCurve) {
    private static final int MAGIC = 0x46534350; // "FSCP"

    public Checkpoint {
        if (parameters.length != mean.length || parameters.length != variance.length) {
            throw new IllegalArgumentException("parameters and moments differ in length");
        }
        if (lossCurve.length != epochsDone) {
            throw new IllegalArgumentException("a loss per epoch done: " + lossCurve.length + " for " + epochsDone);
        }
    }

    /** Writes the checkpoint as one file, atomically (a crash while writing leaves the last one whole). */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 12 * parameters.length + 8 * lossCurve.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(epochsDone);
            out.writeLong(steps);
            out.writeInt(parameters.length);
            for (float[] a : new float[][] {parameters, mean, variance}) {
                for (float v : a) {
                    out.writeFloat(v);
                }
            }
            for (double v : lossCurve) {
                out.writeDouble(v);
            }
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /** Reads a checkpoint written by {@link #write}. */
    public static Checkpoint read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a training checkpoint");
            }
            int epochs = in.readInt();
            long steps = in.readLong();
            int n = in.readInt();
            if (epochs < 0 || n < 0 || n > Files.size(file) / 12) {
                throw new IOException(file + " is not a whole training checkpoint");
            }
            float[][] arrays = new float[3][n];
            for (float[] a : arrays) {
                for (int i = 0; i < n; i++) {
                    a[i] = in.readFloat();
                }
            }
            double[] curve = new double[epochs];
            for (int i = 0; i < epochs; i++) {
                curve[i] = in.readDouble();
            }
            return new Checkpoint(epochs, steps, arrays[0], arrays[1], arrays[2], curve);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && epochsDone == c.epochsDone
                && steps == c.steps
                && Arrays.equals(parameters, c.parameters)
                && Arrays.equals(mean, c.mean)
                && Arrays.equals(variance, c.variance)
                && Arrays.equals(lossCurve, c.lossCurve);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(epochsDone) + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "Checkpoint[epochs " + epochsDone + ", steps " + steps + ", " + parameters.length + " parameters]";
    }
}
