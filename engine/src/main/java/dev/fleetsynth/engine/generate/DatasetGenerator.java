package dev.fleetsynth.engine.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.SourceSplits;
import dev.fleetsynth.engine.synth.Synthesizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A synthetic dataset from a trained model of any kind: three splits of whole units drawn by the
 * model in its source's shape, scored against the source (the utility regressor learning from the
 * train split), and written as train/val/test Parquet plus quality.json.
 */
public final class DatasetGenerator {
    public static final List<String> SPLIT_FILES = List.of("train.parquet", "val.parquet", "test.parquet");
    public static final String QUALITY_FILE = "quality.json";

    private DatasetGenerator() {
    }

    /** What one generation produced. */
    public record Dataset(SourceSplits splits, QualityReport quality) {
        public int rows() {
            return splits.rows();
        }
    }

    /**
     * @param real    the rows the model learnt from, to score against
     * @param holdout real rows the model never saw (held-out units, or a simulator seed's second
     *                draw) for the report's utility regressors to be tested on; {@code null} to hold
     *                out real units instead
     */
    public static Dataset generate(Synthesizer model, SourceTable real, SourceTable holdout, SplitSizes sizes, long seed) {
        requireFits(model.schema(), sizes, Runtime.getRuntime().maxMemory());
        SourceSplits splits = model.sampleSplits(sizes, seed);
        QualityReport quality = QualityReport.evaluate(real, splits.concat(), splits.train(), holdout, seed);
        return new Dataset(splits, quality);
    }

    /**
     * Peak heap a dataset takes per cell (a row of a column) while it is drawn, scored and written, with
     * a margin: a CNC model's datasets (13 columns) of 4,000,000 rows fitted a 1 GiB heap and of
     * 5,000,000 did not, 17 to 21 bytes a cell.
     */
    static final long BYTES_PER_CELL = 24;

    /** The most rows a dataset of this shape can have within {@code heapBytes} (nine tenths of it; the rest is the program's). */
    public static long maxRows(SourceSchema schema, long heapBytes) {
        return heapBytes / 10 * 9 / (BYTES_PER_CELL * Math.max(1, schema.fields().size()));
    }

    /**
     * Refuses, before any work, a dataset that would not fit the heap: an out-of-memory error would take
     * the program down, and a service would meet the same request again when it restarts.
     *
     * @throws IllegalArgumentException naming the rows asked for, the most that fit and what to do
     */
    public static void requireFits(SourceSchema schema, SplitSizes sizes, long heapBytes) {
        long max = maxRows(schema, heapBytes);
        if (sizes.total() > max) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%,d rows of %d columns need about %,d MB, more than the %,d MB of memory here: ask for at most %,d rows "
                            + "(several datasets make more), or give the generator more memory", sizes.total(), schema.fields().size(),
                    sizes.total() * BYTES_PER_CELL * schema.fields().size() / 1_000_000, heapBytes / 1_000_000, max));
        }
    }

    /** The file formats a dataset's splits are written in. */
    public enum Format {
        PARQUET, CSV
    }

    /** Writes the three splits and the report, each atomically; quality.json last, so its presence means complete. */
    public static void write(Dataset dataset, Path dir, Map<String, String> metadata) throws IOException {
        write(dataset, dir, metadata, Format.PARQUET);
    }

    /** As {@link #write(Dataset, Path, Map)}, the splits as Parquet or as CSV ({@code train.csv}, ...; the metadata only in Parquet). */
    public static void write(Dataset dataset, Path dir, Map<String, String> metadata, Format format) throws IOException {
        Files.createDirectories(dir);
        List<SourceTable> tables = dataset.splits().all();
        for (int i = 0; i < tables.size(); i++) {
            if (format == Format.CSV) {
                SourceFiles.writeCsv(tables.get(i), dir.resolve(SPLIT_FILES.get(i).replace(".parquet", ".csv")));
            } else {
                SourceFiles.write(tables.get(i), dir.resolve(SPLIT_FILES.get(i)), metadata);
            }
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(dir.resolve(QUALITY_FILE),
                (mapper.writeValueAsString(dataset.quality().toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
