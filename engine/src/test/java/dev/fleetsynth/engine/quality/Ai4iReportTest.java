package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void firstHalfAgainstSecondHalf() throws Exception {
        ColumnTable all = CsvTables.read(Path.of("src/test/resources/ai4i2020-excerpt.csv"));
        QualityReport r = QualityReport.evaluate(rows(all, 0, 100), rows(all, 100, 200), 1);
        assertThat(r.columnScores()).hasSize(14);
        assertThat(r.pairScores()).hasSize(14 * 13 / 2);
        assertThat(r.columnScores()).filteredOn(s -> s.column().equals("Type"))
                .singleElement().satisfies(s -> assertThat(s.metric()).isEqualTo("TVComplement"));
        assertThat(r.pairScores()).filteredOn(p -> p.column1().equals("Type") && p.column2().equals("Air temperature [K]"))
                .singleElement().satisfies(p -> assertThat(p.metric()).isEqualTo("ContingencySimilarity"));
        // Product IDs never repeat, so no synthetic one matches a real one: TVComplement 0.
        assertThat(r.columnScores()).filteredOn(s -> s.column().equals("Product ID"))
                .singleElement().satisfies(s -> assertThat(s.score()).isZero());
        assertThat(r.overall()).isBetween(0.0, 1.0);
        assertThat(r.temporal()).isNull();
        assertThat(r.utility()).isNull();
        assertThat(r.summary()).contains(QualityReport.score(r.overall()));
    }
}
