package dev.fleetsynth.engine.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table as a list of named columns of equal length: what models learn from and quality metrics
 * compare. Unlike {@link SensorTable} it has no fixed columns and may hold categorical ones.
 */
public record ColumnTable(List<Column> columns) {
    public ColumnTable {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("duplicate column " + c.name());
            }
            if (c.size() != columns.get(0).size()) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, "
                        + columns.get(0).name() + " has " + columns.get(0).size());
            }
        }
    }

    public int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The columns a model of a machine learns: {@code rul} and every sensor (time and cycle are rebuilt on generation). */
    public static ColumnTable learnable(SensorTable t) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column.Numeric("rul", t.rul()));
        for (int i = 0; i < t.sensorNames().size(); i++) {
            columns.add(new Column.Numeric(t.sensorNames().get(i), t.sensors().get(i)));
        }
        return new ColumnTable(columns);
    }
}
