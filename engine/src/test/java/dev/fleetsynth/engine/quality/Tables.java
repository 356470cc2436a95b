package dev.fleetsynth.engine.quality;

import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** Small tables for the quality tests. */
final class Tables {
    private Tables() {}

    static Column.Numeric num(String name, double... values) {
        return new Column.Numeric(name, values);
    }

    static Column.Categorical cat(String name, String... values) {
        return new Column.Categorical(name, values);
    }

    static ColumnTable table(Column... columns) {
        return new ColumnTable(List.of(columns));
    }

    /** A seed of the CNC profile: realistic sensors, several run-to-failure cycles. */
    static SensorTable seed(int rows, long seed) {
        return SeedGenerator.generate(Catalog.profile("cnc_haas_vf2_001").orElseThrow(), new SeedOptions(rows, seed));
    }

    /** The same table with the first {@code sensors} sensors only. */
    static SensorTable firstSensors(SensorTable t, int sensors) {
        return new SensorTable(
                t.machineId(),
                t.timestampMicros(),
                t.cycle(),
                t.rul(),
                t.sensorNames().subList(0, sensors),
                t.sensors().subList(0, sensors));
    }

    /** Every column shuffled on its own: same marginals, no relation between columns or rows left. */
    static SensorTable shuffledNoise(SensorTable t, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<double[]> sensors = new ArrayList<>();
        for (double[] s : t.sensors()) {
            sensors.add(shuffle(s, rng));
        }
        return new SensorTable(
                t.machineId(), t.timestampMicros(), t.cycle(), shuffle(t.rul(), rng), t.sensorNames(), sensors);
    }

    private static double[] shuffle(double[] values, UniformRandomProvider rng) {
        double[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
        return out;
    }
}
