package dev.fleetsynth.generator.explorer;

import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the data explorer shows of a table: per-column statistics, histograms and the correlation
 * matrix. Pure functions of the tables, so answers can be cached for as long as the data lives.
 */
public final class Explorer {
    private Explorer() {}

    @Schema(requiredProperties = {"value", "count"})
    public record ValueCount(String value, long count) {}

    /**
     * One column's statistics. Numeric columns (the unit, RUL, readings, integers and flags) fill
     * count, mean, std (sample, n - 1), min, p25, median, p75 (linear interpolation, as pandas'
     * describe) and max; the unit column also distinct. Text columns ({@code machine_id}, categories)
     * fill count, distinct and the most frequent values. Timestamps fill count, first and last
     * (ISO-8601, UTC).
     */
    @Schema(requiredProperties = {"name", "kind", "count"})
    public record ColumnStats(
            String name,
            String kind,
            long count,
            Double mean,
            Double std,
            Double min,
            Double p25,
            Double median,
            Double p75,
            Double max,
            Integer distinct,
            List<ValueCount> top,
            String first,
            String last) {}

    @Schema(requiredProperties = {"dataset_id", "split", "source", "rows", "columns"})
    public record Stats(String datasetId, String split, String source, int rows, List<ColumnStats> columns) {}

    /** {@code edges} has one more entry than {@code counts}; bin i holds edges[i] <= v < edges[i+1], the last bin also its upper edge. */
    @Schema(requiredProperties = {"name", "edges", "counts"})
    public record ColumnHistogram(String name, double[] edges, long[] counts) {}

    @Schema(requiredProperties = {"dataset_id", "split", "source", "bins", "rows", "columns"})
    public record Histograms(
            String datasetId, String split, String source, int bins, int rows, List<ColumnHistogram> columns) {}

    /** Pearson's r for every pair of value columns; null where a column is constant. */
    @Schema(requiredProperties = {"dataset_id", "split", "source", "rows", "columns", "values"})
    public record Correlations(
            String datasetId, String split, String source, int rows, List<String> columns, List<List<Double>> values) {}

    public static Stats stats(String datasetId, String split, Source source, SourceTable t) {
        List<ColumnStats> columns = new ArrayList<>();
        for (SourceSchema.Field f : t.schema().fields()) {
            Column c = t.column(f.name());
            if (c instanceof Column.Categorical k) {
                columns.add(categorical(f.name(), k.values()));
            } else if (f.kind() == ColumnKind.TIMESTAMP) {
                double[] ts = Arrays.stream(((Column.Numeric) c).values())
                        .filter(Double::isFinite)
                        .toArray();
                columns.add(new ColumnStats(
                        f.name(),
                        "timestamp",
                        ts.length,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        ts.length == 0
                                ? null
                                : instant((long) Arrays.stream(ts).min().getAsDouble()),
                        ts.length == 0
                                ? null
                                : instant((long) Arrays.stream(ts).max().getAsDouble())));
            } else {
                double[] v = ((Column.Numeric) c).values();
                Integer distinct = f.role() == Role.UNIT
                        ? (int) Arrays.stream(v)
                                .filter(Double::isFinite)
                                .distinct()
                                .count()
                        : null;
                columns.add(numeric(f.name(), v, distinct));
            }
        }
        return new Stats(datasetId, split, source.json(), t.rows(), columns);
    }

    /** Count, distinct values and the ten most frequent (most first, ties by value). */
    static ColumnStats categorical(String name, String[] values) {
        Map<String, Long> counts = new java.util.HashMap<>();
        long count = 0;
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
                count++;
            }
        }
        List<ValueCount> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(e -> new ValueCount(e.getKey(), e.getValue()))
                .toList();
        return new ColumnStats(
                name, "categorical", count, null, null, null, null, null, null, null, counts.size(), top, null, null);
    }

    static ColumnStats numeric(String name, double[] all, Integer distinct) {
        double[] v = Arrays.stream(all).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new ColumnStats(
                    name, "numeric", 0, null, null, null, null, null, null, null, distinct, null, null, null);
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(v);
        double std = new StandardDeviation(true).evaluate(v);
        return new ColumnStats(
                name,
                "numeric",
                v.length,
                new Mean().evaluate(v),
                v.length > 1 ? std : null,
                Arrays.stream(v).min().getAsDouble(),
                p.evaluate(25),
                p.evaluate(50),
                p.evaluate(75),
                Arrays.stream(v).max().getAsDouble(),
                distinct,
                null,
                null,
                null);
    }

    /**
     * Histograms of the value columns of {@code shown}, with edges spanning both the synthetic split
     * and the seed, so that the two sources' answers for the same split and bins overlay bin for bin.
     */
    public static Histograms histograms(
            String datasetId,
            String split,
            Source source,
            int bins,
            SourceTable shown,
            SourceTable synthetic,
            SourceTable seed) {
        Map<String, double[]> shownColumns = shown.valueColumns();
        Map<String, double[]> syntheticColumns = synthetic.valueColumns();
        Map<String, double[]> seedColumns = seed.valueColumns();
        List<ColumnHistogram> columns = new ArrayList<>();
        for (Map.Entry<String, double[]> c : shownColumns.entrySet()) {
            double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            widen(range, syntheticColumns.get(c.getKey()));
            widen(range, seedColumns.get(c.getKey()));
            widen(range, c.getValue());
            columns.add(histogram(c.getKey(), c.getValue(), range[0], range[1], bins));
        }
        return new Histograms(datasetId, split, source.json(), bins, shown.rows(), columns);
    }

    static ColumnHistogram histogram(String name, double[] values, double min, double max, int bins) {
        if (!(min <= max)) {
            // no finite value on either side: an empty histogram over [0, 1]
            min = 0;
            max = 1;
        } else if (min == max) {
            // one value everywhere: a unit-wide range around it, so the bins have a width
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = new double[bins + 1];
        double width = (max - min) / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + i * width;
        }
        edges[bins] = max;
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) Math.floor((v - min) / width);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        return new ColumnHistogram(name, edges, counts);
    }

    public static Correlations correlations(String datasetId, String split, Source source, SourceTable t) {
        Map<String, double[]> columns = t.valueColumns();
        List<String> names = new ArrayList<>(columns.keySet());
        List<double[]> data = new ArrayList<>(columns.values());
        PearsonsCorrelation pearson = new PearsonsCorrelation();
        List<List<Double>> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            values.add(new ArrayList<>());
        }
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                Double r = null;
                if (j < i) {
                    r = values.get(j).get(i);
                } else if (t.rows() >= 2) {
                    double v = pearson.correlation(data.get(i), data.get(j));
                    r = Double.isFinite(v) ? v : null;
                }
                values.get(i).add(r);
            }
        }
        return new Correlations(datasetId, split, source.json(), t.rows(), names, values);
    }

    private static void widen(double[] range, double[] values) {
        if (values == null) {
            return;
        }
        for (double v : values) {
            if (Double.isFinite(v)) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
    }

    static String instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
                .toString();
    }
}
