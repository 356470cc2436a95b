package dev.fleetsynth.engine.quality;

import java.util.List;

/**
 * Whether the synthetic table is even shaped like the real one. These are preconditions rather
 * than scores: a missing column or a value far outside the real range is a defect a good average
 * elsewhere would hide.
 *
 * @param columnsPresent    every real column is in the synthetic table and there is no other
 * @param missingColumns    real columns the synthetic table lacks
 * @param extraColumns      synthetic columns the real table lacks
 * @param typesMatch        every shared column is numeric on both sides or categorical on both
 * @param typeMismatches    shared columns whose kind differs
 * @param boundaryAdherence per shared numeric column
 */
public record Diagnostics(
        boolean columnsPresent,
        List<String> missingColumns,
        List<String> extraColumns,
        boolean typesMatch,
        List<TypeMismatch> typeMismatches,
        List<Boundary> boundaryAdherence) {

    public Diagnostics {
        missingColumns = List.copyOf(missingColumns);
        extraColumns = List.copyOf(extraColumns);
        typeMismatches = List.copyOf(typeMismatches);
        boundaryAdherence = List.copyOf(boundaryAdherence);
    }

    /** A column that is numeric on one side and categorical on the other. */
    public record TypeMismatch(String column, String realType, String syntheticType) {}

    /**
     * SDMetrics' BoundaryAdherence of one column.
     *
     * @param score fraction of synthetic values within {@code realMin..realMax}; {@code NaN} if a side is empty
     */
    public record Boundary(String column, double realMin, double realMax, double score) {}
}
