package dev.fleetsynth.engine.quality;

import java.util.List;

/**
 * What the measures of a report read: the real and synthetic tables as series, the synthetic rows a
 * user would train on, unseen real rows when there are any, and where to write what was left out.
 *
 * @param real           the real table; {@code null} when it has no RUL
 * @param synthetic      the whole synthetic table; {@code null} when it has no RUL
 * @param syntheticTrain the synthetic rows the synthetic-trained regressors learn from
 * @param unseen         real rows neither the synthesizer nor the real-trained regressors saw, or {@code null}
 * @param seed           seeds every regressor and sample, so the same inputs give the same report
 * @param notes          what was skipped or chosen, in plain words; measures add to it
 */
record QualityInputs(
        Evaluation.Series real,
        Evaluation.Series synthetic,
        Evaluation.Series syntheticTrain,
        Evaluation.Series unseen,
        long seed,
        List<String> notes) {

    /** Both tables have RUL, units and an order: run-to-failure histories to judge as histories. */
    boolean histories() {
        return real != null && synthetic != null && real.cycle() != null && synthetic.cycle() != null;
    }
}
