package dev.fleetsynth.engine.quality;

import java.util.List;
import java.util.Optional;

/** {@link Utility}: a RUL regressor trained on synthetic rows against one trained on real rows. */
final class RowUtilityMetric implements QualityMetric {
    /** The issue users raised: a dataset whose RUL model is more than 1.25x worse than the real-trained one is not passed. */
    static final double MAX_RATIO = 1.25;

    static final String ADVICE =
            "a RUL model learns less from these rows than from real ones: for run-to-failure data train the "
                    + "trajectory model; for the TVAE train longer (more epochs) or on more seed rows";

    @Override
    public String key() {
        return "utility";
    }

    /** Rows with RUL are enough: a table without units still gets its utility. */
    @Override
    public boolean needsHistories() {
        return false;
    }

    @Override
    public Optional<Measured> measure(QualityInputs in) {
        Utility u = Evaluation.utility(in.real(), in.syntheticTrain(), in.unseen(), in.seed(), in.notes());
        if (u == null) {
            return Optional.empty();
        }
        return Optional.of(new Measured(
                u,
                u.learnable()
                        ? List.of(QualityCheck.atMost(
                                "row_utility",
                                u.ratio(),
                                MAX_RATIO,
                                "RUL RMSE on rows, synthetic-trained over real-trained",
                                ADVICE))
                        : List.of()));
    }
}
