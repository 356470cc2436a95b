package dev.fleetsynth.engine.quality;

/**
 * Machine-learning utility: whether a RUL model trained on synthetic rows predicts the real
 * machine about as well as one trained on real rows. Both are scored on the same held-out real
 * rows, never on rows the real-trained model saw, so the comparison is not flattered by an
 * in-sample score.
 *
 * @param regressor            the model and its settings
 * @param split                how the real rows were cut into training and test rows
 * @param trainRowsReal        real rows the real-trained model learned from
 * @param trainRowsSynthetic   synthetic rows the synthetic-trained model learned from
 * @param testRows             held-out real rows both are scored on
 * @param rmseRealTrained      RMSE of RUL (hours) of the real-trained model on the test rows
 * @param rmseSyntheticTrained RMSE of RUL (hours) of the synthetic-trained model on the test rows
 * @param ratio                {@code rmseSyntheticTrained / rmseRealTrained}: 1 is as good as real data, above 1 worse
 */
public record Utility(
        String regressor,
        String split,
        int trainRowsReal,
        int trainRowsSynthetic,
        int testRows,
        double rmseRealTrained,
        double rmseSyntheticTrained,
        double ratio) {
}
