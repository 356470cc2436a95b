package dev.fleetsynth.bench;

import dev.fleetsynth.engine.table.SensorTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Baseline for Parquet writing: the same table as plain CSV, the format a prototype reaches for first. */
final class CsvBaseline {
    private CsvBaseline() {}

    static long write(SensorTable t, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("timestamp,machine_id,cycle,rul");
            for (String s : t.sensorNames()) {
                w.write(',');
                w.write(s);
            }
            w.newLine();
            for (int i = 0; i < t.rows(); i++) {
                w.write(Long.toString(t.timestampMicros()[i]));
                w.write(',');
                w.write(t.machineId());
                w.write(',');
                w.write(Integer.toString(t.cycle()[i]));
                w.write(',');
                w.write(Double.toString(t.rul()[i]));
                for (double[] column : t.sensors()) {
                    w.write(',');
                    w.write(Double.toString(column[i]));
                }
                w.newLine();
            }
        }
        return Files.size(file);
    }
}
