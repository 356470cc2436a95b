package dev.fleetsynth.engine.table;

import java.util.Objects;

/** One named column of a table: numbers, or categories (text labels such as a product type L/M/H). */
public sealed interface Column {
    String name();

    int size();

    record Numeric(String name, double[] values) implements Column {
        public Numeric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    record Categorical(String name, String[] values) implements Column {
        public Categorical {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(values, "values");
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
