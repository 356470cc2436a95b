package dev.fleetsynth.engine.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleetsynth.engine.source.SourceSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What ingestion read, found, changed and wrote: the readable account a user checks before training
 * on the data, and ({@code mapping}) the mapping to reuse for the next file of the same shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        requiredProperties = {
            "file",
            "format",
            "header",
            "rows_read",
            "rows_written",
            "rows_held_out",
            "units",
            "units_held_out",
            "cleaning",
            "notes"
        })
public record IngestReport(
        String file,
        String format,
        String sheet,
        boolean header,
        @JsonProperty("rows_read") long rowsRead,
        @JsonProperty("rows_written") long rowsWritten,
        @JsonProperty("rows_held_out") long rowsHeldOut,
        int units,
        @JsonProperty("units_held_out") List<String> unitsHeldOut,
        Historian historian,
        List<ColumnProfile> columns,
        Cleaning cleaning,
        Rul rul,
        ColumnMapping mapping,
        SourceSchema schema,

        @Schema(ref = "Profile") JsonNode profile,

        List<String> notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A long export (timestamp, tag, value) pivoted to one column per tag. */
    @Schema(requiredProperties = {"timestamp", "tag", "value", "tags"})
    public record Historian(String timestamp, String tag, String value, String asset, int tags) {}

    /**
     * @param missing          what was done with missing values ("fill" or "drop")
     * @param filled           per column, the missing values filled
     * @param rowsDropped      rows dropped for missing values, or for a missing unit or order
     * @param duplicates       exact duplicate rows removed
     * @param repeatedOrder    rows removed because their unit already had a row at the same order value
     * @param dropped          columns not learnt, and why
     * @param outliers         per column, values flagged by the robust z-score (kept)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            requiredProperties = {
                "missing",
                "filled",
                "rows_dropped",
                "duplicates",
                "repeated_order",
                "dropped",
                "outliers"
            })
    public record Cleaning(
            String missing,
            Map<String, Long> filled,
            @JsonProperty("rows_dropped") long rowsDropped,
            long duplicates,
            @JsonProperty("repeated_order") long repeatedOrder,
            List<Dropped> dropped,
            Map<String, Long> outliers) {}

    /** A column not learnt: an identifier, a constant (written back as {@code constant}) or all missing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"column", "reason"})
    public record Dropped(String column, String reason, String constant) {}

    /**
     * @param from          where RUL came from
     * @param column        its column in the written files
     * @param unit          what it counts in
     * @param cap           the cap applied, if any
     * @param censoredRows  rows without a failure after them (left out of RUL training)
     * @param censoredUnits units that never failed
     * @param lives         run-to-failure histories (a unit has several when it failed several times)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = {"from", "censored_rows", "censored_units", "lives"})
    public record Rul(
            String from,
            String column,
            String unit,
            Double cap,
            @JsonProperty("censored_rows") long censoredRows,
            @JsonProperty("censored_units") long censoredUnits,
            long lives,
            @JsonProperty("life_min") Double lifeMin,
            @JsonProperty("life_median") Double lifeMedian,
            @JsonProperty("life_max") Double lifeMax) {}

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The report as a person reads it. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%s: %s%s, %s, %,d rows read%n",
                file,
                format,
                sheet == null ? "" : " (sheet " + sheet + ")",
                header ? "header row" : "no header row",
                rowsRead));
        if (historian != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "  long historian export: %d tags of '%s' pivoted to columns by '%s'%s%n",
                    historian.tags(),
                    historian.tag(),
                    historian.timestamp(),
                    historian.asset() == null ? "" : " and '" + historian.asset() + "'"));
        }
        if (unitsHeldOut.isEmpty()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  written: %,d rows for training, %,d rows held out (the last in order)%n",
                    rowsWritten,
                    rowsHeldOut));
        } else {
            b.append(String.format(
                    Locale.ROOT,
                    "  written: %,d rows for training, %,d rows of %d held-out units; %d units in all%n",
                    rowsWritten,
                    rowsHeldOut,
                    unitsHeldOut.size(),
                    units));
        }
        b.append("columns:\n");
        for (ColumnMapping.Entry e : mapping.columns()) {
            ColumnProfile p = columns.stream()
                    .filter(c -> c.name().equals(e.source()))
                    .findFirst()
                    .orElse(null);
            b.append(String.format(
                    Locale.ROOT,
                    "  %-28s %-10s %-8s%s%s%n",
                    e.source(),
                    e.kind().json(),
                    e.role().json(),
                    e.target().equals(e.source())
                            ? ""
                            : " -> " + e.target()
                                    + (e.score() == null ? "" : String.format(Locale.ROOT, " (%.2f)", e.score())),
                    p == null || p.unit() == null ? "" : " [" + p.unit() + "]"));
        }
        b.append(String.format(Locale.ROOT, "cleaning: missing values %s", cleaning.missing()));
        long filled =
                cleaning.filled().values().stream().mapToLong(Long::longValue).sum();
        b.append(String.format(
                Locale.ROOT,
                " (%,d filled, %,d rows dropped), %,d duplicate rows removed, %,d repeated order values removed%n",
                filled,
                cleaning.rowsDropped(),
                cleaning.duplicates(),
                cleaning.repeatedOrder()));
        for (Dropped d : cleaning.dropped()) {
            b.append(String.format(Locale.ROOT, "  not learnt: %s: %s%n", d.column(), d.reason()));
        }
        cleaning.outliers()
                .forEach((c, n) -> b.append(String.format(Locale.ROOT, "  outliers flagged (kept): %s: %,d%n", c, n)));
        if (rul != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "RUL: from %s, in %s%s; %,d lives",
                    rul.from(),
                    rul.unit(),
                    rul.cap() == null ? "" : String.format(Locale.ROOT, ", capped at %s", rul.cap()),
                    rul.lives()));
            if (rul.lifeMedian() != null) {
                b.append(String.format(
                        Locale.ROOT,
                        " (length %.0f / %.0f / %.0f min/median/max)",
                        rul.lifeMin(),
                        rul.lifeMedian(),
                        rul.lifeMax()));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "; censored: %,d rows, %,d units that never failed%n",
                    rul.censoredRows(),
                    rul.censoredUnits()));
        } else {
            b.append("RUL: none; rows are learnt as a table\n");
        }
        for (String n : notes) {
            b.append("note: ").append(n).append('\n');
        }
        return b.toString();
    }
}
