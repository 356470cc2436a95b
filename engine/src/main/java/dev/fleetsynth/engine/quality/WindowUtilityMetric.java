package dev.fleetsynth.engine.quality;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@link WindowUtility}: train on synthetic windows, test on real ones a model never saw. */
final class WindowUtilityMetric implements QualityMetric {
    @Override
    public String key() {
        return "window_utility";
    }

    @Override
    public Optional<Measured> measure(QualityInputs in) {
        if (in.syntheticTrain() == null || in.syntheticTrain().cycle() == null) {
            in.notes().add("window utility skipped: the synthetic training rows need RUL and units");
            return Optional.empty();
        }
        boolean unseen = in.unseen() != null && in.unseen().cycle() != null;
        List<String> sensors = Windows.sharedSensors(in.real(), in.syntheticTrain(), unseen ? in.unseen() : null);
        if (sensors.isEmpty()) {
            in.notes().add("window utility skipped: no numeric reading shared by the tables");
            return Optional.empty();
        }
        Windows.Set real = Windows.of(in.real(), sensors, 2 * Evaluation.MAX_TRAIN_ROWS, in.seed());
        Windows.Set train;
        Windows.Set test;
        String split;
        if (unseen) {
            train = real;
            test = Windows.of(in.unseen(), sensors, Evaluation.MAX_TRAIN_ROWS, in.seed() + 2);
            split = String.format(
                    Locale.ROOT,
                    "tested on the windows of %d unseen real units",
                    Cycles.groups(in.unseen().cycle()).length);
        } else {
            int units = Cycles.groups(in.real().cycle()).length;
            if (units < 2) {
                in.notes()
                        .add(
                                "window utility skipped: one real unit, nothing to hold out; give the report unseen real units");
                return Optional.empty();
            }
            int held = Math.max(1, (int) Math.round(Evaluation.TEST_FRACTION * units));
            Set<Integer> last = IntStream.range(units - held, units).boxed().collect(Collectors.toSet());
            train = real.units(last, false);
            test = real.units(last, true);
            split = String.format(Locale.ROOT, "the last %d of %d real units held out", held, units);
        }
        Windows.Set synthetic = Windows.of(in.syntheticTrain(), sensors, Evaluation.MAX_TRAIN_ROWS, in.seed() + 1);
        train = train.atMost(Evaluation.MAX_TRAIN_ROWS, in.seed());
        test = test.atMost(Evaluation.MAX_TRAIN_ROWS, in.seed() + 2);
        if (train.size() < 2 || synthetic.size() < 2 || test.size() < 1) {
            in.notes().add("window utility skipped: too few windows with a RUL");
            return Optional.empty();
        }
        GradientBoostedTrees.Settings settings = GradientBoostedTrees.Settings.DEFAULT;
        double rmseReal = Evaluation.rmse(
                GradientBoostedTrees.fit(train.x(), train.y(), settings, in.seed())
                        .predict(test.x()),
                test.y());
        double rmseSyn = Evaluation.rmse(
                GradientBoostedTrees.fit(synthetic.x(), synthetic.y(), settings, in.seed())
                        .predict(test.x()),
                test.y());
        double mean = Arrays.stream(train.y()).average().orElse(Double.NaN);
        double[] constant = new double[test.size()];
        Arrays.fill(constant, mean);
        double baseline = Evaluation.rmse(constant, test.y());
        WindowUtility w = new WindowUtility(
                settings.describe(),
                split,
                unseen,
                Windows.WINDOW,
                train.size(),
                synthetic.size(),
                test.size(),
                rmseReal,
                rmseSyn,
                Evaluation.ratio(rmseSyn, rmseReal),
                baseline);
        return Optional.of(new Measured(
                w,
                w.learnable()
                        ? List.of(QualityCheck.atMost(
                                "window_utility",
                                w.ratio(),
                                RowUtilityMetric.MAX_RATIO,
                                "RUL RMSE on windows, synthetic-trained over real-trained",
                                RowUtilityMetric.ADVICE))
                        : List.of()));
    }
}
