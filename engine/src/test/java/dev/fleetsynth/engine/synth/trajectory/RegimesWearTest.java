package dev.fleetsynth.engine.synth.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clusters that are stages of wear are not operating regimes. */
class RegimesWearTest {
    private static List<Lives.Life> lives(int count, int length) {
        List<Lives.Life> out = new ArrayList<>();
        for (int u = 0; u < count; u++) {
            double[] ttf = new double[length];
            for (int i = 0; i < length; i++) {
                ttf[i] = length - 1 - i;
            }
            out.add(new Lives.Life(u * length, (u + 1) * length, ttf, true));
        }
        return out;
    }

    @Test
    void healthyAndWornHalvesAreWear() {
        int[] label = new int[5 * 100];
        for (int i = 0; i < label.length; i++) {
            label[i] = i % 100 < 60 ? 0 : 1;
        }
        assertThat(Regimes.wear(label, 2, lives(5, 100))).isTrue();
    }

    @Test
    void conditionsThatComeAndGoAreRegimes() {
        int[] label = new int[5 * 100];
        for (int i = 0; i < label.length; i++) {
            label[i] = (i / 7) % 3;
        }
        assertThat(Regimes.wear(label, 3, lives(5, 100))).isFalse();
    }
}
