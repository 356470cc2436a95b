package dev.fleetsynth.engine.synth;

import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import java.util.ArrayList;
import java.util.List;

/** The train, validation and test splits of a dataset: whole units each, no unit in two splits. */
public record SourceSplits(SourceTable train, SourceTable val, SourceTable test) {
    public List<SourceTable> all() {
        return List.of(train, val, test);
    }

    public int rows() {
        return train.rows() + val.rows() + test.rows();
    }

    /** The three splits as one table, in split order. */
    public SourceTable concat() {
        List<Column> columns = new ArrayList<>();
        int n = rows();
        for (int j = 0; j < train.table().columns().size(); j++) {
            Column first = train.table().columns().get(j);
            if (first instanceof Column.Numeric) {
                double[] v = new double[n];
                int at = 0;
                for (SourceTable t : all()) {
                    double[] part = ((Column.Numeric) t.table().columns().get(j)).values();
                    System.arraycopy(part, 0, v, at, part.length);
                    at += part.length;
                }
                columns.add(new Column.Numeric(first.name(), v));
            } else {
                String[] v = new String[n];
                int at = 0;
                for (SourceTable t : all()) {
                    String[] part = ((Column.Categorical) t.table().columns().get(j)).values();
                    System.arraycopy(part, 0, v, at, part.length);
                    at += part.length;
                }
                columns.add(new Column.Categorical(first.name(), v));
            }
        }
        return new SourceTable(train.schema(), new ColumnTable(columns));
    }
}
