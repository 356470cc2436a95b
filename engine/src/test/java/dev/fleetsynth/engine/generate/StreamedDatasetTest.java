package dev.fleetsynth.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.FitOptions;
import dev.fleetsynth.engine.synth.ModelKind;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset too large to hold is drawn and written in parts: the same splits, sizes and units a
 * dataset drawn whole has, the same files for the same request, scored on its first parts; small
 * datasets are written exactly as before. Limits scaled down (parts of 1,500 rows above 6,000) so
 * that the streamed path runs in a second.
 */
class StreamedDatasetTest {
    private static final int STREAM_ABOVE = 6_000;
    private static final int PART_ROWS = 1_500;
    private static SourceTable seed;
    private static SourceTable holdout;
    private static Synthesizer model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        var pump = Catalog.profile("pump_grundfos_cr10_001").orElseThrow();
        SeedOptions options = new SeedOptions(3000, 11);
        seed = SourceTable.of(SeedGenerator.generate(pump, options));
        holdout = SourceTable.of(SeedGenerator.generate(pump, options.holdout()));
        model = ModelTraining.train(
                        seed,
                        null,
                        ModelKind.auto(seed.schema()),
                        FitOptions.defaults(),
                        TrainingListener.NONE,
                        () -> false)
                .model();
    }

    private DatasetGenerator.Written streamed(Path out, SplitSizes sizes, long randomSeed, Runnable check)
            throws Exception {
        return DatasetGenerator.generateInto(
                out, model, seed, holdout, sizes, randomSeed, Map.of("k", "v"), q -> q, check, STREAM_ABOVE, PART_ROWS);
    }

    @Test
    void aLargeDatasetIsWrittenInPartsOfWholeUnitsNumberedOnAcrossSplits() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        SplitSizes sizes = new SplitSizes(7_000, 1_600, 1_400);
        DatasetGenerator.Written w = streamed(dir.resolve("a"), sizes, 5, checks::incrementAndGet);
        assertThat(new int[] {w.trainRows(), w.valRows(), w.testRows()}).containsExactly(7_000, 1_600, 1_400);
        SourceTable train = SourceFiles.read(dir.resolve("a/train.parquet"));
        SourceTable val = SourceFiles.read(dir.resolve("a/val.parquet"));
        SourceTable test = SourceFiles.read(dir.resolve("a/test.parquet"));
        assertThat(new int[] {train.rows(), val.rows(), test.rows()}).containsExactly(7_000, 1_600, 1_400);
        // 5 parts of train, 2 of val, 1 of test: each checked before it is drawn, and once before the report
        assertThat(checks.get()).isEqualTo(5 + 2 + 1 + 1);
        double[] trainUnits = units(train);
        double[] valUnits = units(val);
        double[] testUnits = units(test);
        assertThat(trainUnits[0]).isEqualTo(1);
        assertThat(valUnits[0]).isEqualTo(max(trainUnits) + 1);
        assertThat(testUnits[0]).isEqualTo(max(valUnits) + 1);
        assertThat(Arrays.stream(trainUnits).distinct().count()).isEqualTo((long) max(trainUnits));

        JsonNode quality =
                new ObjectMapper().readTree(dir.resolve("a/quality.json").toFile());
        assertThat(quality.get("synthetic_rows").asInt())
                .as("scored on the first part of each split")
                .isEqualTo(1_500 + 1_500 + 1_400);
        assertThat(quality.get("overall").asDouble())
                .isEqualTo(w.quality().overall())
                .isBetween(0.0, 1.0);

        // the same request gives the same files
        streamed(dir.resolve("b"), sizes, 5, () -> {});
        for (String f : DatasetGenerator.SPLIT_FILES) {
            assertThat(Files.mismatch(
                            dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void aSmallDatasetIsTheOneDrawnWhole() throws Exception {
        SplitSizes sizes = new SplitSizes(3_000, 600, 600);
        streamed(dir.resolve("a"), sizes, 9, () -> {});
        DatasetGenerator.write(
                DatasetGenerator.generate(model, seed, holdout, sizes, 9), dir.resolve("b"), Map.of("k", "v"));
        for (String f : DatasetGenerator.SPLIT_FILES) {
            assertThat(Files.mismatch(
                            dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void aCheckThatThrowsStopsTheDatasetBeforeItsReport() {
        AtomicInteger parts = new AtomicInteger();
        assertThatThrownBy(() -> streamed(dir.resolve("a"), new SplitSizes(7_000, 1_600, 1_400), 5, () -> {
                    if (parts.incrementAndGet() == 3) {
                        throw new IllegalStateException("cancelled");
                    }
                }))
                .hasMessage("cancelled");
        assertThat(dir.resolve("a/quality.json")).doesNotExist();
        assertThat(dir.resolve("a/train.parquet")).doesNotExist();
    }

    private static double[] units(SourceTable t) {
        return ((Column.Numeric) t.column(t.schema().unitColumn().orElseThrow())).values();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
