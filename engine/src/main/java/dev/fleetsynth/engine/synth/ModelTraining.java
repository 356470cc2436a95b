package dev.fleetsynth.engine.synth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.quality.Utility;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Training as the CLI and the trainer service do it, one way: fit on the training units; where
 * held-out units exist, score the model on them (its {@link HeldOut} figures); then, for models
 * fitted in closed form, refit on every unit, held-out ones included. Real run-to-failure data is
 * scarce: on C-MAPSS FD003 the refit on 66 units instead of 53 lowered a random forest's RMSE on the
 * official test units by about 3 % (docs/models.md). The held-out figures stay with the model
 * ({@value #EVALUATION_FILE}) and say which model they describe.
 */
public final class ModelTraining {
    /** Written beside {@code model.json}: the held-out figures, and whether the model was refit after them. */
    public static final String EVALUATION_FILE = "evaluation.json";
    /** What a dataset report of a refit model says about its utility. */
    static final String REFIT_NOTE =
            "the model was refit on the held-out units after its held-out test, so this report's "
                    + "utility flatters it; its held-out figures are in " + EVALUATION_FILE + " beside the model";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelTraining() {}

    /**
     * The held-out figures of a model.
     *
     * @param units       held-out units (0 when rows, not units, were held out)
     * @param rows        held-out rows
     * @param overall     SDMetrics' overall score of a training-sized draw against the training rows
     * @param utility     the RUL regressors tested on the held-out rows
     * @param refit       whether the saved model was refit on every unit afterwards
     * @param describes   which model the figures describe, in words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeldOut(
            int units,
            int rows,
            double overall,
            Utility utility,
            @JsonProperty("refit_on_all_units") boolean refit,
            String describes) {}

    /** A trained model and its held-out figures ({@code null} without held-out rows). */
    public record Trained(Synthesizer model, ModelKind kind, HeldOut heldOut) {
        /** Writes the held-out figures, then the model ({@code model.json} last). */
        public void save(Path dir) throws IOException {
            Files.createDirectories(dir);
            if (heldOut != null) {
                AtomicFiles.write(
                        dir.resolve(EVALUATION_FILE),
                        (JSON.writeValueAsString(heldOut) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            model.save(dir);
        }
    }

    public static Trained train(
            SourceTable train,
            SourceTable holdout,
            ModelKind kind,
            FitOptions options,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        boolean hasHoldout = holdout != null && holdout.rows() > 0;
        Synthesizer model = kind.fit(train, options.withHoldout(hasHoldout ? holdout : null), listener, cancelled);
        // A gradient-trained model keeps the held-out rows unseen, and its dataset reports test on them.
        if (!hasHoldout || cancelled.getAsBoolean() || kind != ModelKind.TRAJECTORY) {
            return new Trained(model, kind, null);
        }
        QualityReport q = DatasetGenerator.generate(
                        model, train, holdout, new SplitSizes(Math.max(1, train.rows()), 0, 0), options.seed())
                .quality();
        int units = holdout.schema().unitColumn().isPresent() ? holdout.units() : 0;
        SourceTable all = new SourceSplits(train, holdout, train.slice(new int[0])).concat();
        model = kind.fit(all, options.withHoldout(null), listener, cancelled);
        return new Trained(
                model,
                kind,
                new HeldOut(
                        units,
                        holdout.rows(),
                        q.overall(),
                        q.utility(),
                        true,
                        "the model fitted on the training units only; the saved model was then refit on every unit, held-out ones "
                                + "included, so a dataset report that tests it on them flatters it"));
    }

    /**
     * A dataset of the model in {@code modelDir}, its report noting when its utility was tested on
     * {@code holdout} rows the model was refit on (and so flatters it).
     */
    public static DatasetGenerator.Dataset noteRefit(
            DatasetGenerator.Dataset dataset, Path modelDir, SourceTable holdout) throws IOException {
        return new DatasetGenerator.Dataset(
                dataset.splits(), refitNote(modelDir, holdout).apply(dataset.quality()));
    }

    /** What {@link #noteRefit} does to a dataset's report, for a report made elsewhere (a streamed dataset's). */
    public static java.util.function.UnaryOperator<dev.fleetsynth.engine.quality.QualityReport> refitNote(
            Path modelDir, SourceTable holdout) throws IOException {
        Optional<HeldOut> held = heldOut(modelDir);
        if (holdout == null || held.isEmpty() || !held.get().refit()) {
            return q -> q;
        }
        return q -> q.withNote(REFIT_NOTE);
    }

    /** The held-out figures kept beside a model, if any. */
    public static Optional<HeldOut> heldOut(Path modelDir) throws IOException {
        Path f = modelDir.resolve(EVALUATION_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(f.toFile(), HeldOut.class));
    }
}
