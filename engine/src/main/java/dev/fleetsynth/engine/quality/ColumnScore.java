package dev.fleetsynth.engine.quality;

/**
 * One column's Column Shapes score.
 *
 * @param metric {@code KSComplement} for a numeric column, {@code TVComplement} for a categorical one
 * @param score  0..1, {@code NaN} when a side has no values (the column is then left out of the mean; null in
 *               the report's JSON, which has no NaN)
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(requiredProperties = {"column", "metric", "score"})
public record ColumnScore(
        String column,
        String metric,

        @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true)
        double score) {}
