package dev.fleetsynth.engine.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.TvaeModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthetic dataset from a trained model: sampled, arranged into run-to-failure cycles, split by
 * whole cycles, scored against the seed (the utility regressor learning from the train split), and
 * written as train/val/test Parquet plus quality.json.
 */
public final class DatasetGenerator {
    public static final List<String> SPLIT_FILES = List.of("train.parquet", "val.parquet", "test.parquet");
    public static final String QUALITY_FILE = "quality.json";

    private DatasetGenerator() {
    }

    /** What one generation produced. */
    public record Dataset(CycleArranger.Splits splits, QualityReport quality) {
        public int rows() {
            return splits.train().rows() + splits.val().rows() + splits.test().rows();
        }
    }

    /** A dataset whose report tests its utility regressors on held-out seed cycles (see {@link QualityReport}). */
    public static Dataset generate(TvaeModel model, SensorTable seedData, SplitSizes sizes, long seed) {
        return generate(model, seedData, null, sizes, seed);
    }

    /**
     * @param holdout the seed's holdout (real rows the model never saw) for the report's utility
     *                regressors to be tested on; {@code null} to hold out seed cycles instead
     */
    public static Dataset generate(TvaeModel model, SensorTable seedData, SensorTable holdout, SplitSizes sizes, long seed) {
        ColumnTable sampled = model.sample(sizes.total(), seed);
        CycleArranger.Splits splits = CycleArranger.arrange(model.info().machineId(), sampled, sizes, model.info().rowsPerCycle(),
                model.info().seedStart(), seed);
        QualityReport quality = QualityReport.evaluate(seedData, concat(splits), splits.train(), holdout, seed);
        return new Dataset(splits, quality);
    }

    /** Writes the three splits and the report, each atomically; quality.json last, so its presence means complete. */
    public static void write(Dataset dataset, Path dir, Map<String, String> metadata) throws IOException {
        Files.createDirectories(dir);
        CycleArranger.Splits s = dataset.splits();
        List<SensorTable> tables = List.of(s.train(), s.val(), s.test());
        for (int i = 0; i < tables.size(); i++) {
            ParquetTables.write(tables.get(i), dir.resolve(SPLIT_FILES.get(i)), metadata, ProgressListener.NONE);
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(dir.resolve(QUALITY_FILE),
                (mapper.writeValueAsString(dataset.quality().toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The three splits as one table, for scoring against the seed. */
    static SensorTable concat(CycleArranger.Splits s) {
        List<SensorTable> parts = List.of(s.train(), s.val(), s.test());
        int n = parts.stream().mapToInt(SensorTable::rows).sum();
        SensorTable first = s.train();
        long[] ts = new long[n];
        int[] cycle = new int[n];
        double[] rul = new double[n];
        List<double[]> sensors = new ArrayList<>();
        for (int j = 0; j < first.sensorNames().size(); j++) {
            sensors.add(new double[n]);
        }
        int at = 0;
        for (SensorTable p : parts) {
            System.arraycopy(p.timestampMicros(), 0, ts, at, p.rows());
            System.arraycopy(p.cycle(), 0, cycle, at, p.rows());
            System.arraycopy(p.rul(), 0, rul, at, p.rows());
            for (int j = 0; j < sensors.size(); j++) {
                System.arraycopy(p.sensors().get(j), 0, sensors.get(j), at, p.rows());
            }
            at += p.rows();
        }
        return new SensorTable(first.machineId(), ts, cycle, rul, first.sensorNames(), sensors);
    }
}
