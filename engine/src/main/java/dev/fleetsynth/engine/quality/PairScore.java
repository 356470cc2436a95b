package dev.fleetsynth.engine.quality;

/**
 * One column pair's Column Pair Trends score.
 *
 * @param metric                {@code CorrelationSimilarity} for two numeric columns,
 *                              {@code ContingencySimilarity} otherwise (a numeric column cut into bins)
 * @param score                 0..1, {@code NaN} when a correlation is undefined (a constant column)
 * @param realCorrelation       Pearson's rho on the real data; {@code NaN} for contingency pairs
 * @param syntheticCorrelation  Pearson's rho on the synthetic data; {@code NaN} for contingency pairs
 * @param inFilteredScore       whether the pair counts in {@link QualityReport#columnPairTrends()}
 */
public record PairScore(
        @com.fasterxml.jackson.annotation.JsonProperty("column_1")
        String column1,

        @com.fasterxml.jackson.annotation.JsonProperty("column_2")
        String column2,

        String metric,
        double score,
        double realCorrelation,
        double syntheticCorrelation,
        boolean inFilteredScore) {}
