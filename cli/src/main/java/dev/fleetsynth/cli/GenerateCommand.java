package dev.fleetsynth.cli;

import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.ModelTraining;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.synth.Synthesizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Generate a synthetic dataset from a model: DIR/train.parquet, val.parquet, test.parquet and quality.json.")
final class GenerateCommand implements Callable<Integer> {
    static final int DEFAULT_ROWS = 50_000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "model directory (from: fleetsynth train)")
    Path modelDir;

    @ArgGroup(exclusive = true)
    Sizes sizes;

    static final class Sizes {
        @Option(
                names = "--rows",
                paramLabel = "N",
                description = "total rows, split 70/15/15 (default: " + DEFAULT_ROWS + ")")
        Integer rows;

        @ArgGroup(exclusive = false)
        Explicit explicit;
    }

    static final class Explicit {
        @Option(names = "--train", paramLabel = "N", required = true, description = "rows of the train split")
        int train;

        @Option(names = "--val", paramLabel = "N", required = true, description = "rows of the validation split")
        int val;

        @Option(names = "--test", paramLabel = "N", required = true, description = "rows of the test split")
        int test;
    }

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--seed-data",
            paramLabel = "FILE",
            description = "the seed the model learnt, for the quality report "
                    + "(default: seed.parquet beside the model directory, as fleetsynth run lays it out)")
    Path seedData;

    @Option(
            names = "--holdout-data",
            paramLabel = "FILE",
            description = "real rows of the machine the model never saw, to test "
                    + "the quality report's RUL regressors on (default: holdout.parquet beside the model directory, as fleetsynth seed and "
                    + "fleetsynth run lay it out; without one, the last seed cycles are held out)")
    Path holdoutData;

    @Option(
            names = "--format",
            paramLabel = "parquet|csv",
            defaultValue = "parquet",
            description = "the splits' file format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory, created if missing")
    Path out;

    @Override
    public Integer call() {
        SplitSizes split = splitSizes(sizes);
        Synthesizer model = loadModel(modelDir);
        Path seedFile = seedData != null
                ? seedData
                : modelDir.toAbsolutePath().getParent().resolve(SeedCommand.FILE_NAME);
        if (!Files.isRegularFile(seedFile)) {
            throw CliException.usage(
                    "the quality report needs the seed data: give --seed-data FILE (no " + seedFile + ")");
        }
        SourceTable seedTable = Inputs.sourceTable(seedFile);
        Path holdoutFile = holdoutData != null
                ? holdoutData
                : modelDir.toAbsolutePath().getParent().resolve(SeedCommand.HOLDOUT_FILE_NAME);
        SourceTable holdout =
                holdoutData != null || Files.isRegularFile(holdoutFile) ? Inputs.sourceTable(holdoutFile) : null;
        long start = System.nanoTime();
        DatasetGenerator.Format fileFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> DatasetGenerator.Format.PARQUET;
            case "csv" -> DatasetGenerator.Format.CSV;
            default -> throw CliException.usage("--format must be parquet or csv, got " + format);
        };
        DatasetGenerator.Dataset dataset = generate(model, modelDir, seedTable, holdout, split, seed, out, fileFormat);
        double seconds = (System.nanoTime() - start) / 1e9;
        QualityReport q = dataset.quality();
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "generated %s rows (train %s, val %s, test %s) in %.2f s into %s; quality %.3f (%s): shapes %.3f, pair trends %.3f%n",
                        Numbers.count(dataset.rows()),
                        Numbers.count(split.train()),
                        Numbers.count(split.val()),
                        Numbers.count(split.test()),
                        seconds,
                        out,
                        q.overall(),
                        q.grade().label(),
                        q.columnShapes(),
                        q.columnPairTrends());
        return 0;
    }

    static SplitSizes splitSizes(Sizes sizes) {
        try {
            if (sizes == null || sizes.rows != null) {
                return SplitSizes.of(sizes == null ? DEFAULT_ROWS : sizes.rows);
            }
            return new SplitSizes(sizes.explicit.train, sizes.explicit.val, sizes.explicit.test);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    static Synthesizer loadModel(Path dir) {
        try {
            return Synthesizers.load(dir);
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("cannot load the model in " + dir + ": " + e.getMessage());
        }
    }

    /**
     * @param holdout real rows the model never saw, for the report's utility; {@code null} for none
     */
    static DatasetGenerator.Dataset generate(
            Synthesizer model,
            Path modelDir,
            SourceTable seedTable,
            SourceTable holdout,
            SplitSizes split,
            long seed,
            Path out,
            DatasetGenerator.Format fileFormat) {
        try {
            DatasetGenerator.requireFits(
                    model.schema(), split, Runtime.getRuntime().maxMemory());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage() + " (java -Xmx)");
        }
        Inputs.requireDirectory(out);
        DatasetGenerator.Dataset dataset = DatasetGenerator.generate(model, seedTable, holdout, split, seed);
        try {
            dataset = ModelTraining.noteRefit(dataset, modelDir, holdout);
            DatasetGenerator.write(dataset, out, DatasetGenerator.footer(seed), fileFormat);
        } catch (IOException e) {
            throw CliException.failure("cannot write the dataset to " + out + ": " + Names.reason(e));
        }
        return dataset;
    }
}
