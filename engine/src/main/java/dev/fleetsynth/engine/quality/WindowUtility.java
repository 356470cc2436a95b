package dev.fleetsynth.engine.quality;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Utility on windows: as {@link Utility}, with regressors that learn RUL from the last
 * {@value Windows#WINDOW} readings of each unit (per sensor their mean, slope, roughness and last
 * value), as RUL models do. Data that match real rows one by one but move unlike real histories
 * score well on rows and badly here.
 *
 * @param split                where the test windows come from
 * @param unseenTest           true when they come from unseen real units
 * @param trainWindowsReal     windows the real-trained regressor learnt from
 * @param trainWindowsSynthetic windows the synthetic-trained regressor learnt from
 * @param testWindows          real windows both are scored on
 * @param rmseRealTrained      RMSE of RUL of the real-trained regressor
 * @param rmseSyntheticTrained RMSE of RUL of the synthetic-trained regressor
 * @param ratio                synthetic over real: 1 is as good as real data
 * @param rmseMeanBaseline     RMSE of predicting the mean RUL of the real training windows
 */
public record WindowUtility(
        String regressor,
        String split,
        boolean unseenTest,
        int window,
        int trainWindowsReal,
        int trainWindowsSynthetic,
        int testWindows,
        double rmseRealTrained,
        double rmseSyntheticTrained,
        double ratio,
        double rmseMeanBaseline) {

    @JsonProperty("learnable")
    public boolean learnable() {
        return rmseRealTrained < rmseMeanBaseline;
    }
}
