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
        for (int j = 0; j < train.table().columns().size(); j++) {
            int column = j;
            columns.add(Column.concat(
                    all().stream().map(t -> t.table().columns().get(column)).toList()));
        }
        return new SourceTable(train.schema(), new ColumnTable(columns));
    }
}
