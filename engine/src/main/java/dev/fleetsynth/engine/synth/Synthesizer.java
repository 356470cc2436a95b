package dev.fleetsynth.engine.synth;

import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained model of one source: it draws synthetic data in the source's own shape (its columns,
 * types, clock and RUL unit) and saves itself as a model directory whose {@code model.json} names its
 * {@link #format()}, by which {@link Synthesizers#load} finds it again. Implementations are
 * immutable and safe to share.
 */
public interface Synthesizer {
    /** The file that names the format of every model directory. */
    String JSON_FILE = "model.json";

    /** The format written in {@code model.json}, e.g. {@code fleetsynth-trajectory}. */
    String format();

    /** The shape of the data this model draws. */
    SourceSchema schema();

    /**
     * Draws exactly {@link SampleRequest#rows()} rows as whole units (run-to-failure histories where the
     * source has them), in the source's schema with origin {@code synthetic}; the same request gives
     * the same rows.
     */
    SourceTable sample(SampleRequest request);

    /**
     * The three splits of a dataset, each drawn whole with its own units numbered on from the last
     * split's, so that no unit is in two splits.
     */
    default SourceSplits sampleSplits(dev.fleetsynth.engine.generate.SplitSizes sizes, long seed) {
        SourceTable train = sample(new SampleRequest(sizes.train(), seed, SampleRequest.Conditions.NONE, 1));
        SourceTable val = sizes.val() == 0
                ? train.slice(new int[0])
                : sample(new SampleRequest(sizes.val(), seed + 1, SampleRequest.Conditions.NONE, train.units() + 1));
        SourceTable test = sizes.test() == 0
                ? train.slice(new int[0])
                : sample(new SampleRequest(
                        sizes.test(), seed + 2, SampleRequest.Conditions.NONE, train.units() + val.units() + 1));
        return new SourceSplits(train, val, test);
    }

    /** How the model was trained, for reports and the API. */
    ModelSummary summary();

    /** Writes the model directory; {@code model.json} last, so that its presence means complete. */
    void save(Path dir) throws IOException;
}
