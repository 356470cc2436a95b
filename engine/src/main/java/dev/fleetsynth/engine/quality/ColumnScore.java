package dev.fleetsynth.engine.quality;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One column's Column Shapes score.
 *
 * @param metric {@code KSComplement} for a numeric column, {@code TVComplement} for a categorical one
 * @param score  0..1, {@code NaN} when a side has no values (the column is then left out of the mean; null in
 *               the report's JSON, which has no NaN)
 */
@Schema(requiredProperties = {"column", "metric", "score"})
public record ColumnScore(
        String column,
        String metric,

        @Schema(nullable = true) double score) {}
