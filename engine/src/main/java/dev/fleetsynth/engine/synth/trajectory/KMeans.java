package dev.fleetsynth.engine.synth.trajectory;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Lloyd's k-means with k-means++ starts, several starts kept best, and the silhouette score that
 * tells whether the clusters are real. For the few dozen to few thousand points a model clusters
 * (lives by their degradation signature, rows by operating condition).
 */
final class KMeans {
    private KMeans() {}

    record Clustering(int[] labels, double[][] centres, double inertia) {}

    static Clustering fit(double[][] x, int k, int starts, UniformRandomProvider rng) {
        Clustering best = null;
        for (int s = 0; s < starts; s++) {
            Clustering c = once(x, k, rng);
            if (best == null || c.inertia() < best.inertia()) {
                best = c;
            }
        }
        return best;
    }

    private static Clustering once(double[][] x, int k, UniformRandomProvider rng) {
        int n = x.length;
        int d = x[0].length;
        double[][] centres = new double[k][];
        centres[0] = x[rng.nextInt(n)].clone();
        double[] dist = new double[n];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, sq(x[i], centres[j]));
                }
                dist[i] = best;
                total += best;
            }
            double r = rng.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                r -= dist[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            centres[c] = x[pick].clone();
        }
        int[] labels = new int[n];
        double inertia = 0;
        for (int iter = 0; iter < 100; iter++) {
            boolean changed = false;
            inertia = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dd = sq(x[i], centres[j]);
                    if (dd < bestD) {
                        bestD = dd;
                        best = j;
                    }
                }
                changed |= labels[i] != best || iter == 0;
                labels[i] = best;
                inertia += bestD;
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int m = 0; m < d; m++) {
                    sums[labels[i]][m] += x[i][m];
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    for (int m = 0; m < d; m++) {
                        centres[j][m] = sums[j][m] / counts[j];
                    }
                }
            }
        }
        return new Clustering(labels, centres, inertia);
    }

    /** Mean silhouette: near 1 for tight, well-parted clusters, near 0 for clusters cut out of one cloud. */
    static double silhouette(double[][] x, int[] labels, int k) {
        int n = x.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[labels[j]] += Math.sqrt(sq(x[i], x[j]));
                    count[labels[j]]++;
                }
            }
            if (count[labels[i]] == 0) {
                continue;
            }
            double a = sum[labels[i]] / count[labels[i]];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            total += Double.isInfinite(b) ? 0 : (b - a) / Math.max(a, b);
        }
        return total / n;
    }

    static double sq(double[] a, double[] b) {
        double s = 0;
        for (int m = 0; m < a.length; m++) {
            double d = a[m] - b[m];
            s += d * d;
        }
        return s;
    }
}
