package dev.fleetsynth.engine.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.trajectory.TrajectoryModel;
import dev.fleetsynth.engine.tvae.TrainingDivergedException;
import dev.fleetsynth.engine.tvae.TrainingListener;
import dev.fleetsynth.engine.tvae.TvaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The kinds of model Fleetsynth trains: the one list a new model joins. Each names its
 * {@code model.json} format, says which sources it can learn, fits and loads.
 */
public enum ModelKind {
    /** Whole run-to-failure histories (lifetime, then readings along it); closed form, seconds to fit. */
    TRAJECTORY(TrajectoryModel.FORMAT) {
        @Override
        public boolean fits(SourceSchema schema) {
            return schema.runToFailure();
        }

        @Override
        Synthesizer train(SourceTable train, FitOptions options, TrainingListener listener, BooleanSupplier cancelled) {
            return TrajectoryModel.fit(train, options.seed());
        }

        @Override
        Synthesizer load(JsonNode root, Path dir) throws IOException {
            return TrajectoryModel.load(root, dir);
        }
    },
    /** CTGAN's TVAE: rows, dealt into units afterwards; any source. */
    TVAE(TvaeSynthesizer.FORMAT) {
        @Override
        public boolean fits(SourceSchema schema) {
            return true;
        }

        @Override
        Synthesizer train(SourceTable train, FitOptions options, TrainingListener listener, BooleanSupplier cancelled) {
            if (options.refineFrom() != null) {
                if (!(options.refineFrom() instanceof TvaeSynthesizer base)) {
                    throw new IllegalArgumentException(
                            "only a TVAE can be refined; the trajectory model fits in seconds, so train one "
                                    + "on this data instead");
                }
                return new TvaeSynthesizer(TvaeModel.refine(
                        base.model(), train, options.holdout(), options.tvaeConfig(), listener, cancelled));
            }
            // Judged against the held-out units where there are some, else against the training rows:
            // either way the question is only whether more epochs still bring the draws closer.
            return new TvaeSynthesizer(TvaeModel.train(
                    train,
                    options.tvaeConfig(),
                    listener,
                    cancelled,
                    options.holdout() != null ? options.holdout() : train));
        }

        @Override
        Synthesizer load(JsonNode root, Path dir) throws IOException {
            return new TvaeSynthesizer(TvaeModel.load(dir));
        }
    };

    private final String format;

    ModelKind(String format) {
        this.format = format;
    }

    public String format() {
        return format;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this kind can learn the source. */
    public abstract boolean fits(SourceSchema schema);

    abstract Synthesizer train(
            SourceTable train, FitOptions options, TrainingListener listener, BooleanSupplier cancelled);

    abstract Synthesizer load(JsonNode root, Path dir) throws IOException;

    /**
     * Fits a model of this kind.
     *
     * @throws IllegalArgumentException when this kind cannot learn the source, with the reason
     * @throws TrainingDivergedException when a gradient-trained model's loss stops being finite
     */
    public Synthesizer fit(
            SourceTable train, FitOptions options, TrainingListener listener, BooleanSupplier cancelled) {
        if (!fits(train.schema())) {
            throw new IllegalArgumentException(
                    "the " + label() + " model needs run-to-failure data (units, an order and RUL); "
                            + "this source has none, so use the tvae model");
        }
        return train(train, options, listener, cancelled);
    }

    /**
     * The default for a source: whole histories wherever the source has them (a simulator seed, a
     * user's run-to-failure data), which generate data a RUL model learns from nearly as well as
     * from the real rows (docs/models.md); the TVAE for tables without units or RUL.
     */
    public static ModelKind auto(SourceSchema schema) {
        return schema.runToFailure() ? TRAJECTORY : TVAE;
    }

    /** A kind by its label ("trajectory", "tvae"), or "auto" for {@link #auto}. */
    public static ModelKind parse(String label, SourceSchema schema) {
        if (label == null || label.equalsIgnoreCase("auto")) {
            return auto(schema);
        }
        return Arrays.stream(values())
                .filter(k -> k.label().equalsIgnoreCase(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + label + "'; use auto, "
                        + String.join(
                                ", ",
                                Arrays.stream(values()).map(ModelKind::label).toList())));
    }
}
