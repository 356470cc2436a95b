package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GradientBoostedTreesTest {
    @Test
    void learnsAStepAndALine() {
        int n = 2_000;
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = i % 100;
            x2[i] = (i * 37) % 101;
            y[i] = (x1[i] < 50 ? 0 : 100) + 0.5 * x2[i];
        }
        var model = GradientBoostedTrees.fit(new double[][] {x1, x2}, y, GradientBoostedTrees.Settings.DEFAULT, 1);
        double[] p = model.predict(new double[][] {{10, 90}, {0, 0}});
        // 100 rounds at learning rate 0.1 leave 0.9^100 of the start, so a few units of error at most.
        assertThat(p[0]).isBetween(-5.0, 5.0);
        assertThat(p[1]).isBetween(95.0, 105.0);
    }

    @Test
    void constantTargetGivesItsValue() {
        double[] x = {1, 2, 3, 4, 5};
        var model = GradientBoostedTrees.fit(
                new double[][] {x}, new double[] {7, 7, 7, 7, 7}, GradientBoostedTrees.Settings.DEFAULT, 1);
        assertThat(model.predict(new double[][] {{0, 10, Double.NaN}})).containsExactly(7, 7, 7);
    }

    @Test
    void sameSeedSameModelAndSettingsAreChecked() {
        double[] x = new double[500];
        double[] y = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7919) % 500;
            y[i] = Math.sin(x[i] / 50);
        }
        double[][] features = {x};
        double[] a = GradientBoostedTrees.fit(features, y, GradientBoostedTrees.Settings.DEFAULT, 5)
                .predict(features);
        double[] b = GradientBoostedTrees.fit(features, y, GradientBoostedTrees.Settings.DEFAULT, 5)
                .predict(features);
        double[] c = GradientBoostedTrees.fit(features, y, GradientBoostedTrees.Settings.DEFAULT, 6)
                .predict(features);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThatThrownBy(() -> new GradientBoostedTrees.Settings(0, 4, 0.1, 10, 0.8, 64, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trees 0");
    }
}
