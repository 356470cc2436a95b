package dev.fleetsynth.engine.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.SampleRequest;
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

    private DatasetGenerator() {}

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
    public static Dataset generate(
            Synthesizer model, SourceTable real, SourceTable holdout, SplitSizes sizes, long seed) {
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
        return heapBytes
                / 10
                * 9
                / (BYTES_PER_CELL * Math.max(1, schema.fields().size()));
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
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "%,d rows of %d columns need about %,d MB, more than the %,d MB of memory here: ask for at most %,d rows "
                            + "(several datasets make more), or give the generator more memory",
                    sizes.total(),
                    schema.fields().size(),
                    sizes.total() * BYTES_PER_CELL * schema.fields().size() / 1_000_000,
                    heapBytes / 1_000_000,
                    max));
        }
    }

    /**
     * Above this many rows a dataset is not held in memory: each split is drawn and written in parts of
     * {@link #PART_ROWS} rows. At or below it, nothing changes: a dataset is drawn, scored and written whole.
     */
    public static final int STREAM_ABOVE = 1_000_000;
    /** The rows of one part of a streamed dataset: about 80 MB for a 13-column model at 24 bytes a cell. */
    static final int PART_ROWS = 250_000;

    /** The rows {@link #generateInto} holds in memory at once for a dataset of these sizes (what {@link #requireFits} must allow). */
    public static SplitSizes held(SplitSizes sizes) {
        return sizes.total() <= STREAM_ABOVE ? sizes : new SplitSizes(4 * PART_ROWS, 0, 0);
    }

    /** What {@link #generateInto} wrote: the rows of each split and the quality report of what was scored. */
    public record Written(int trainRows, int valRows, int testRows, QualityReport quality) {
        public int rows() {
            return trainRows + valRows + testRows;
        }
    }

    /**
     * Draws a dataset and writes it into {@code dir} as Parquet and quality.json (last). Up to
     * {@link #STREAM_ABOVE} rows it is drawn, scored and written whole; above, each split is drawn and
     * written in parts of {@link #PART_ROWS} rows, whole units each, numbered on across parts and splits,
     * and the quality report scores the first part of each split (the report's {@code synthetic_rows}
     * says how many rows that was). So memory holds at most four parts, whatever the size: ten million
     * rows need no more heap than one million.
     *
     * @param finish applied to the report before it is written (a note about the model, say)
     * @param check  run between the steps and before each part; it may throw to stop the generation (a cancel)
     */
    public static Written generateInto(
            Path dir,
            Synthesizer model,
            SourceTable real,
            SourceTable holdout,
            SplitSizes sizes,
            long seed,
            Map<String, String> metadata,
            java.util.function.UnaryOperator<QualityReport> finish,
            Runnable check)
            throws IOException {
        return generateInto(dir, model, real, holdout, sizes, seed, metadata, finish, check, STREAM_ABOVE, PART_ROWS);
    }

    /** {@link #generateInto} with other limits, for tests: a streamed dataset without millions of rows. */
    static Written generateInto(
            Path dir,
            Synthesizer model,
            SourceTable real,
            SourceTable holdout,
            SplitSizes sizes,
            long seed,
            Map<String, String> metadata,
            java.util.function.UnaryOperator<QualityReport> finish,
            Runnable check,
            int streamAbove,
            int partRows)
            throws IOException {
        Files.createDirectories(dir);
        if (sizes.total() <= streamAbove) {
            Dataset d = generate(model, real, holdout, sizes, seed);
            check.run();
            Dataset finished = new Dataset(d.splits(), finish.apply(d.quality()));
            write(finished, dir, metadata);
            return new Written(
                    d.splits().train().rows(),
                    d.splits().val().rows(),
                    d.splits().test().rows(),
                    finished.quality());
        }
        requireFits(model.schema(), held(sizes), Runtime.getRuntime().maxMemory());
        int[] sizesBySplit = {sizes.train(), sizes.val(), sizes.test()};
        SourceTable[] scored = new SourceTable[3];
        int[] written = new int[3];
        int[] nextUnit = {1};
        for (int split = 0; split < 3; split++) {
            int s = split;
            Path file = dir.resolve(SPLIT_FILES.get(split));
            if (sizesBySplit[split] == 0) {
                scored[split] = scored[0].slice(new int[0]);
                SourceFiles.write(scored[split], file, metadata);
                continue;
            }
            java.util.Iterator<SourceTable> parts = new java.util.Iterator<>() {
                private int part;

                @Override
                public boolean hasNext() {
                    return written[s] < sizesBySplit[s];
                }

                @Override
                public SourceTable next() {
                    check.run();
                    int rows = Math.min(partRows, sizesBySplit[s] - written[s]);
                    SourceTable t = model.sample(new SampleRequest(
                            rows, seed + s + 1_000_003L * part++, SampleRequest.Conditions.NONE, nextUnit[0]));
                    written[s] += t.rows();
                    nextUnit[0] += t.units();
                    if (scored[s] == null) {
                        scored[s] = t;
                    }
                    return t;
                }
            };
            SourceFiles.write(parts, file, metadata);
        }
        check.run();
        SourceSplits sample = new SourceSplits(scored[0], scored[1], scored[2]);
        QualityReport quality =
                finish.apply(QualityReport.evaluate(real, sample.concat(), sample.train(), holdout, seed));
        writeQuality(quality, dir);
        return new Written(written[0], written[1], written[2], quality);
    }

    /**
     * What a synthetic dataset's Parquet files say of themselves in their footer, wherever they are
     * written (the CLI, the generator service): that they are synthetic, and the random seed that
     * draws them again.
     */
    public static Map<String, String> footer(long seed) {
        return Map.of("fleetsynth.kind", "synthetic", "fleetsynth.random_seed", Long.toString(seed));
    }

    /** The file formats a dataset's splits are written in. */
    public enum Format {
        PARQUET,
        CSV
    }

    /** Writes the three splits and the report, each atomically; quality.json last, so its presence means complete. */
    public static void write(Dataset dataset, Path dir, Map<String, String> metadata) throws IOException {
        write(dataset, dir, metadata, Format.PARQUET);
    }

    /** As {@link #write(Dataset, Path, Map)}, the splits as Parquet or as CSV ({@code train.csv}, ...; the metadata only in Parquet). */
    public static void write(Dataset dataset, Path dir, Map<String, String> metadata, Format format)
            throws IOException {
        Files.createDirectories(dir);
        List<SourceTable> tables = dataset.splits().all();
        for (int i = 0; i < tables.size(); i++) {
            if (format == Format.CSV) {
                SourceFiles.writeCsv(
                        tables.get(i), dir.resolve(SPLIT_FILES.get(i).replace(".parquet", ".csv")));
            } else {
                SourceFiles.write(tables.get(i), dir.resolve(SPLIT_FILES.get(i)), metadata);
            }
        }
        writeQuality(dataset.quality(), dir);
    }

    private static void writeQuality(QualityReport quality, Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(
                dir.resolve(QUALITY_FILE),
                (mapper.writeValueAsString(quality.toJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
