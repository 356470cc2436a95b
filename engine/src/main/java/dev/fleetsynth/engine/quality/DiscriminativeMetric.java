package dev.fleetsynth.engine.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link Discriminative}: accuracy minus a half of a classifier told to separate real from synthetic windows. */
final class DiscriminativeMetric implements QualityMetric {
    /** The largest score that passes; the benchmarks aim at 0.10. */
    static final double MAX_SCORE = 0.25;
    /** Windows per side and per split: enough for the trees, a second at most. */
    static final int MAX_WINDOWS = 5_000;

    @Override
    public String key() {
        return "discriminative";
    }

    @Override
    public Optional<Measured> measure(QualityInputs in) {
        boolean unseen = in.unseen() != null && in.unseen().cycle() != null;
        List<String> sensors = Windows.sharedSensors(in.real(), in.synthetic(), unseen ? in.unseen() : null);
        if (sensors.isEmpty()) {
            return Optional.empty();
        }
        Windows.Set real = Windows.of(in.real(), sensors, 4 * MAX_WINDOWS, in.seed() + 21);
        Windows.Set realTrain;
        Windows.Set realTest;
        String split;
        if (unseen) {
            realTrain = real;
            realTest = Windows.of(in.unseen(), sensors, 2 * MAX_WINDOWS, in.seed() + 22);
            split =
                    "learnt from the real table's units, tested on unseen real units; synthetic units alternate between the two";
        } else {
            int units = Cycles.groups(in.real().cycle()).length;
            if (units < 2) {
                in.notes()
                        .add(
                                "discriminative score skipped: one real unit; a classifier tested on the units it learnt would flatter itself");
                return Optional.empty();
            }
            Set<Integer> even = evenUnits(units);
            realTrain = real.units(even, true);
            realTest = real.units(even, false);
            split = "real and synthetic units alternate between learning and testing";
        }
        Windows.Set syn = Windows.of(in.synthetic(), sensors, 4 * MAX_WINDOWS, in.seed() + 23);
        Set<Integer> synEven = evenUnits(Cycles.groups(in.synthetic().cycle()).length);
        Windows.Set synTrain = syn.units(synEven, true);
        Windows.Set synTest = syn.units(synEven, false);
        int trainSize = Math.min(MAX_WINDOWS, Math.min(realTrain.size(), synTrain.size()));
        int testSize = Math.min(MAX_WINDOWS, Math.min(realTest.size(), synTest.size()));
        if (trainSize < 10 || testSize < 10) {
            in.notes().add("discriminative score skipped: too few windows on a side");
            return Optional.empty();
        }
        long seed = in.seed();
        realTrain = realTrain.atMost(trainSize, seed + 11);
        synTrain = synTrain.atMost(trainSize, seed + 12);
        realTest = realTest.atMost(testSize, seed + 13);
        synTest = synTest.atMost(testSize, seed + 14);
        double[][] x = concat(realTrain.withRul(), synTrain.withRul());
        double[] y = new double[x[0].length];
        java.util.Arrays.fill(y, realTrain.size(), y.length, 1);
        GradientBoostedTrees.Settings settings = GradientBoostedTrees.Settings.DEFAULT;
        GradientBoostedTrees.Model model = GradientBoostedTrees.fit(x, y, settings, seed);
        double realCorrect = correct(model.predict(realTest.withRul()), false);
        double synCorrect = correct(model.predict(synTest.withRul()), true);
        double balanced = (realCorrect + synCorrect) / 2;
        Discriminative d = new Discriminative(
                settings.describe() + " on 0/1, cut at 0.5",
                split,
                y.length,
                realTest.size() + synTest.size(),
                balanced,
                Math.max(0, balanced - 0.5));
        return Optional.of(
                new Measured(
                        d,
                        List.of(
                                QualityCheck.atMost(
                                        "discriminative",
                                        d.score(),
                                        MAX_SCORE,
                                        "balanced accuracy minus 0.5 of a classifier separating real from synthetic windows",
                                        "synthetic windows are easy to tell from real ones: train the trajectory model, train longer, or give it more units"))));
    }

    private static Set<Integer> evenUnits(int units) {
        Set<Integer> even = new HashSet<>();
        for (int u = 0; u < units; u += 2) {
            even.add(u);
        }
        return even;
    }

    private static double correct(double[] predicted, boolean synthetic) {
        int ok = 0;
        for (double p : predicted) {
            if ((p > 0.5) == synthetic) {
                ok++;
            }
        }
        return (double) ok / predicted.length;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int f = 0; f < a.length; f++) {
            out[f] = new double[a[f].length + b[f].length];
            System.arraycopy(a[f], 0, out[f], 0, a[f].length);
            System.arraycopy(b[f], 0, out[f], a[f].length, b[f].length);
        }
        return out;
    }
}
