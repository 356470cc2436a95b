package dev.fleetsynth.engine.table;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Run-to-failure sensor data, column by column: what a seed generator produces, what Parquet files
 * hold, what models train on. Columns are primitive arrays because tables reach millions of cells.
 * The arrays are owned by the table: callers must not change them after construction.
 *
 * @param timestampMicros UTC, microseconds since the epoch
 * @param cycle           run-to-failure cycle, from 1
 * @param rul             remaining useful life in hours
 * @param sensorNames     one name per sensor column, in column order
 * @param sensors         one array per sensor, each of {@link #rows()} values
 */
public record SensorTable(
        String machineId,
        long[] timestampMicros,
        int[] cycle,
        double[] rul,
        List<String> sensorNames,
        List<double[]> sensors) {

    public SensorTable {
        Objects.requireNonNull(machineId, "machineId");
        sensorNames = List.copyOf(sensorNames);
        sensors = List.copyOf(sensors);
        int n = timestampMicros.length;
        if (cycle.length != n || rul.length != n) {
            throw new IllegalArgumentException(
                    "columns differ in length: timestamp " + n + ", cycle " + cycle.length + ", rul " + rul.length);
        }
        if (sensorNames.size() != sensors.size()) {
            throw new IllegalArgumentException(
                    sensorNames.size() + " sensor names for " + sensors.size() + " sensor columns");
        }
        for (int i = 0; i < sensors.size(); i++) {
            if (sensors.get(i).length != n) {
                throw new IllegalArgumentException(
                        "sensor " + sensorNames.get(i) + " has " + sensors.get(i).length + " values, expected " + n);
            }
        }
    }

    public int rows() {
        return timestampMicros.length;
    }

    public double[] sensor(String name) {
        int i = sensorNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no sensor column " + name);
        }
        return sensors.get(i);
    }

    /** Number of distinct cycles. */
    public int cycles() {
        return (int) Arrays.stream(cycle).distinct().count();
    }

    /** Same columns and values: records compare arrays by identity, tables by content. */
    public boolean sameData(SensorTable other) {
        if (!machineId.equals(other.machineId)
                || !sensorNames.equals(other.sensorNames)
                || !Arrays.equals(timestampMicros, other.timestampMicros)
                || !Arrays.equals(cycle, other.cycle)
                || !Arrays.equals(rul, other.rul)) {
            return false;
        }
        for (int i = 0; i < sensors.size(); i++) {
            if (!Arrays.equals(sensors.get(i), other.sensors.get(i))) {
                return false;
            }
        }
        return true;
    }
}
