package dev.fleetsynth.engine.tvae.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class KMeans1DTest {
    @Test
    void separatedGroupsGetOneLabelEach() {
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 3) * 100 + (i % 7) * 0.1;
        }
        int[] labels = KMeans1D.labels(x, 3, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        Set<Integer> used = new HashSet<>();
        for (int group = 0; group < 3; group++) {
            int label = labels[group];
            used.add(label);
            for (int i = group; i < x.length; i += 3) {
                assertThat(labels[i]).isEqualTo(label);
            }
        }
        assertThat(used).hasSize(3);
    }

    @Test
    void seedingPicksDistinctDataPointsWhileThereAreEnough() {
        double[] x = {5, 1, 9, 3, 7, 2, 8};
        double[] centers = KMeans1D.seed(x, 7, RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertThat(Arrays.stream(centers).sorted().toArray()).containsExactly(1, 2, 3, 5, 7, 8, 9);
    }

    @Test
    void constantDataGoesToTheFirstCluster() {
        double[] x = new double[50];
        Arrays.fill(x, -3.5);
        int[] labels = KMeans1D.labels(x, 10, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
        assertThat(labels).containsOnly(0);
    }

    @Test
    void equalValuesShareALabelWhenThereAreFewerValuesThanClusters() {
        double[] x = new double[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i % 3;
        }
        int[] labels = KMeans1D.labels(x, 10, RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
        for (int i = 3; i < x.length; i++) {
            assertThat(labels[i]).isEqualTo(labels[i - 3]);
        }
        assertThat(Set.of(labels[0], labels[1], labels[2])).hasSize(3);
    }

    @Test
    void sameSeedSameLabels() {
        double[] x = new double[1000];
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() * 10;
        }
        int[] a = KMeans1D.labels(x, 10, RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
        int[] b = KMeans1D.labels(x, 10, RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
        assertThat(a).containsExactly(b);
        assertThat(Arrays.stream(a).distinct().count()).isEqualTo(10);
    }
}
