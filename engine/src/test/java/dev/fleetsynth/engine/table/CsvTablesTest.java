package dev.fleetsynth.engine.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTablesTest {
    @TempDir
    Path dir;

    @Test
    void readsTheAi4iExcerptWithInferredTypes() throws IOException {
        ColumnTable t = CsvTables.read(Path.of("src/test/resources/ai4i2020-excerpt.csv"));
        assertThat(t.rows()).isEqualTo(200);
        assertThat(t.names())
                .containsExactly(
                        "UDI",
                        "Product ID",
                        "Type",
                        "Air temperature [K]",
                        "Process temperature [K]",
                        "Rotational speed [rpm]",
                        "Torque [Nm]",
                        "Tool wear [min]",
                        "Machine failure",
                        "TWF",
                        "HDF",
                        "PWF",
                        "OSF",
                        "RNF");
        assertThat(t.column("Product ID").orElseThrow()).isInstanceOf(Column.Categorical.class);
        Column.Categorical type = (Column.Categorical) t.column("Type").orElseThrow();
        assertThat(type.values()[0]).isEqualTo("M");
        assertThat(type.values()).containsOnly("L", "M", "H");
        Column.Numeric air = (Column.Numeric) t.column("Air temperature [K]").orElseThrow();
        assertThat(air.values()[0]).isEqualTo(298.1);
        assertThat(air.values()[1]).isEqualTo(298.2);
        assertThat(t.column("Machine failure").orElseThrow()).isInstanceOf(Column.Numeric.class);
    }

    @Test
    void emptyValuesAreMissingAndQuotedCommasStay() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "x,label,code\n1.5,\"a, b\",7\n,,1d\n-2e3,c,\n");
        ColumnTable t = CsvTables.read(f);
        double[] x = ((Column.Numeric) t.column("x").orElseThrow()).values();
        assertThat(x[0]).isEqualTo(1.5);
        assertThat(x[1]).isNaN();
        assertThat(x[2]).isEqualTo(-2000);
        assertThat(((Column.Categorical) t.column("label").orElseThrow()).values())
                .containsExactly("a, b", null, "c");
        // "1d" would pass Double.parseDouble but is not a plain number: the column stays categorical.
        assertThat(((Column.Categorical) t.column("code").orElseThrow()).values())
                .containsExactly("7", "1d", null);
    }

    @Test
    void rejectsARowWithTooManyValuesAndAnEmptyFile() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\n1,2,3\n");
        assertThatThrownBy(() -> CsvTables.read(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 values for 2 columns");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> CsvTables.read(empty)).isInstanceOf(IOException.class);
    }
}
