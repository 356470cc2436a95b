package dev.fleetsynth.bench;

import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.SensorSpec;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Baseline: the seed documents' generator, re-expressed in Java: per cycle RUL falls linearly from
 * max_rul to 0 and each sensor is base + range * (1 - rul / max_rul) + white noise. It has none of
 * the realism of the engine's generator, so the ratio between the two is the price of that realism.
 */
final class LinearRampSeed {
    private LinearRampSeed() {}

    static SensorTable generate(MachineProfile profile, int rows, long seed) {
        Random random = new Random(seed);
        int cycles = profile.rul().cycles();
        double max = profile.rul().maxRul();
        long[] ts = new long[rows];
        int[] cycle = new int[rows];
        double[] rul = new double[rows];
        List<SensorSpec> sensors = profile.sensors();
        double[][] values = new double[sensors.size()][rows];
        int perCycle = rows / cycles;
        for (int i = 0; i < rows; i++) {
            int c = Math.min(cycles - 1, i / perCycle);
            int inCycle = i - c * perCycle;
            int len = c == cycles - 1 ? rows - c * perCycle : perCycle;
            ts[i] = i * 3_600_000_000L;
            cycle[i] = c + 1;
            rul[i] = max * (len - 1 - inCycle) / (len - 1);
            for (int j = 0; j < sensors.size(); j++) {
                SensorSpec s = sensors.get(j);
                values[j][i] = s.base() + s.range() * (1 - rul[i] / max) + s.noise() * random.nextGaussian();
            }
        }
        List<double[]> columns = new ArrayList<>(List.of(values));
        return new SensorTable(profile.machineId(), ts, cycle, rul, profile.sensorNames(), columns);
    }
}
