package dev.fleetsynth.engine.quality;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Machine-learning utility: whether a RUL model trained on synthetic rows predicts the real
 * machine about as well as one trained on real rows. Both are scored on the same real rows, never
 * on rows the real-trained model saw, so the comparison is not flattered by an in-sample score.
 *
 * <p>Best are unseen real rows, apart from the real table the synthesizer learned from (for a
 * simulated seed: a second draw of the simulator). Without them the last real cycles are held out;
 * the synthesizer saw those too, so a synthetic-trained model can score well on them by copying.
 *
 * @param regressor            the model and its settings
 * @param split                where the test rows come from and what the real-trained model learned from
 * @param unseenTest           true when the test rows are unseen real rows, false when they are held-out real rows
 * @param trainRowsReal        real rows the real-trained model learned from
 * @param trainRowsSynthetic   synthetic rows the synthetic-trained model learned from
 * @param testRows             real rows both are scored on
 * @param rmseRealTrained      RMSE of RUL (hours) of the real-trained model on the test rows
 * @param rmseSyntheticTrained RMSE of RUL (hours) of the synthetic-trained model on the test rows
 * @param ratio                {@code rmseSyntheticTrained / rmseRealTrained}: 1 is as good as real data, above 1 worse
 * @param rmseMeanBaseline     RMSE of predicting the real training rows' mean RUL on the test rows: a regressor
 *                             that does not beat it has learnt nothing, and then neither RMSE says much
 */
@Schema(
        requiredProperties = {
            "regressor",
            "split",
            "unseen_test",
            "train_rows_real",
            "train_rows_synthetic",
            "test_rows",
            "rmse_real_trained",
            "rmse_synthetic_trained",
            "ratio",
            "rmse_mean_baseline",
            "learnable"
        })
public record Utility(
        String regressor,
        String split,
        boolean unseenTest,
        int trainRowsReal,
        int trainRowsSynthetic,
        int testRows,
        double rmseRealTrained,
        double rmseSyntheticTrained,
        double ratio,
        double rmseMeanBaseline) {

    /** Whether the real-trained regressor beats predicting the mean, i.e. whether RUL can be learnt from these columns at all. */
    @com.fasterxml.jackson.annotation.JsonProperty("learnable")
    public boolean learnable() {
        return rmseRealTrained < rmseMeanBaseline;
    }
}
