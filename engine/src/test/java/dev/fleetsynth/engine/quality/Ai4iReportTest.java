package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.CsvTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic report on a real public data set read from CSV (see src/test/resources/README.md). */
class Ai4iReportTest {
    private static ColumnTable rows(ColumnTable t, int from, int to) {
        List<Column> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof Column.Numeric n) {
                out.add(new Column.Numeric(n.name(), Arrays.copyOfRange(n.values(), from, to)));
            } else if (c instanceof Column.Categorical k) {
                out.add(new Column.Categorical(k.name(), Arrays.copyOfRange(k.values(), from, to)));
            }
        }
        return new ColumnTable(out);
    }

    private static QualityReport firstHalfAgainstSecondHalfReport() throws Exception {
        ColumnTable all = CsvTables.read(Path.of("src/test/resources/ai4i2020-excerpt.csv"));
        return QualityReport.evaluate(rows(all, 0, 100), rows(all, 100, 200), 1);
    }

    @Test
    void firstHalfAgainstSecondHalf() throws Exception {
        QualityReport r = firstHalfAgainstSecondHalfReport();
        assertThat(r.columnScores()).hasSize(14);
        assertThat(r.pairScores()).hasSize(14 * 13 / 2);
        assertThat(r.columnScores())
                .filteredOn(s -> s.column().equals("Type"))
                .singleElement()
                .satisfies(s -> assertThat(s.metric()).isEqualTo("TVComplement"));
        assertThat(r.pairScores())
                .filteredOn(p -> p.column1().equals("Type") && p.column2().equals("Air temperature [K]"))
                .singleElement()
                .satisfies(p -> assertThat(p.metric()).isEqualTo("ContingencySimilarity"));
        // Product IDs never repeat, so no synthetic one matches a real one: TVComplement 0.
        assertThat(r.columnScores())
                .filteredOn(s -> s.column().equals("Product ID"))
                .singleElement()
                .satisfies(s -> assertThat(s.score()).isZero());
        assertThat(r.overall()).isBetween(0.0, 1.0);
        assertThat(r.temporal()).isNull();
        assertThat(r.utility()).isNull();
        assertThat(r.summary()).contains(QualityReport.score(r.overall()));
    }

    /**
     * The same numbers as SDMetrics' formulas give through the libraries SDMetrics builds on
     * (scipy's ks_2samp, pearsonr, numpy's histogram_bin_edges, pandas' cut and groupby with
     * missing values kept): see src/test/python/sdmetrics_reference.py. Pairs with a constant
     * failure flag have no correlation on either side and are left out there as here.
     */
    @Test
    void matchesTheSdmetricsReference() throws Exception {
        QualityReport r = firstHalfAgainstSecondHalfReport();
        assertThat(r.columnShapes()).isCloseTo(0.7257142857142859, within(1e-9));
        assertThat(r.columnPairTrendsAllPairs()).isCloseTo(0.6757091406548378, within(1e-9));
        assertThat(r.overallAllPairs()).isCloseTo(0.7007117131845618, within(1e-9));
        assertThat(score(r, "Type")).isCloseTo(0.93, within(1e-9));
        assertThat(score(r, "Air temperature [K]")).isCloseTo(0.56, within(1e-9));
        assertThat(score(r, "Tool wear [min]")).isCloseTo(0.79, within(1e-9));
        assertThat(pair(r, "Type", "Air temperature [K]")).isCloseTo(0.53, within(1e-9));
        assertThat(pair(r, "Type", "Torque [Nm]")).isCloseTo(0.78, within(1e-9));
        assertThat(pair(r, "Type", "Machine failure")).isCloseTo(0.92, within(1e-9));
        assertThat(pair(r, "Air temperature [K]", "Process temperature [K]"))
                .isCloseTo(0.9376194571780851, within(1e-9));
        assertThat(pair(r, "Rotational speed [rpm]", "Torque [Nm]")).isCloseTo(0.9966946997026276, within(1e-9));
        assertThat(r.pairScores().stream().filter(p -> Double.isNaN(p.score())).count())
                .isEqualTo(30);
    }

    private static double score(QualityReport r, String column) {
        return r.columnScores().stream()
                .filter(s -> s.column().equals(column))
                .findFirst()
                .orElseThrow()
                .score();
    }

    private static double pair(QualityReport r, String a, String b) {
        return r.pairScores().stream()
                .filter(p -> p.column1().equals(a) && p.column2().equals(b))
                .findFirst()
                .orElseThrow()
                .score();
    }
}
