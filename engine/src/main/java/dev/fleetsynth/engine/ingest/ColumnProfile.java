package dev.fleetsynth.engine.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleetsynth.engine.source.ColumnKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What profiling found in one column of the user's file. Numbers are {@code null} where they do not
 * apply (text columns have no mean).
 *
 * @param name         the column's name in the file
 * @param type         the type DuckDB read it as
 * @param kind         what it holds
 * @param count        values present
 * @param missing      values missing
 * @param distinct     distinct values (approximate above a few thousand)
 * @param topShare     share of the present values taken by the most frequent one
 * @param topValue     the most frequent value
 * @param median       robust centre
 * @param mad          median absolute deviation (robust spread)
 * @param outliers     values with a robust z-score (0.6745 |x - median| / MAD) above {@link Profiler#OUTLIER_Z}: flagged, never removed
 * @param firstOutlierRow the first row holding one
 * @param unit         the physical unit the name gives, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"name", "kind", "count", "missing", "distinct"})
public record ColumnProfile(
        String name,
        String type,
        ColumnKind kind,
        long count,
        long missing,
        long distinct,
        @JsonProperty("top_share") Double topShare,
        @JsonProperty("top_value") String topValue,
        Double min,
        Double max,
        Double mean,
        Double std,
        Double median,
        Double mad,
        Long outliers,
        @JsonProperty("first_outlier_row") Long firstOutlierRow,
        String unit) {

    public ColumnProfile withKind(ColumnKind k) {
        return new ColumnProfile(
                name,
                type,
                k,
                count,
                missing,
                distinct,
                topShare,
                topValue,
                min,
                max,
                mean,
                std,
                median,
                mad,
                outliers,
                firstOutlierRow,
                unit);
    }

    public ColumnProfile withOutliers(long n, Long firstRow) {
        return new ColumnProfile(
                name, type, kind, count, missing, distinct, topShare, topValue, min, max, mean, std, median, mad, n,
                firstRow, unit);
    }

    /** Whether every present value is the same. */
    public boolean constant() {
        return count > 0 && distinct <= 1;
    }
}
