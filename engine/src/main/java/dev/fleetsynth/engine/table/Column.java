package dev.fleetsynth.engine.table;

import java.util.Objects;

/** One named column of a table: numbers, or categories (text labels such as a product type L/M/H). */
public sealed interface Column {
    String name();

    int size();

    /** The parts one after another, under the first part's name; all numeric or all categorical. */
    static Column concat(java.util.List<Column> parts) {
        String name = parts.get(0).name();
        int n = parts.stream().mapToInt(Column::size).sum();
        if (parts.stream().allMatch(Numeric.class::isInstance)) {
            double[] v = new double[n];
            int at = 0;
            for (Column p : parts) {
                System.arraycopy(((Numeric) p).values(), 0, v, at, p.size());
                at += p.size();
            }
            return new Numeric(name, v);
        }
        if (parts.stream().allMatch(Categorical.class::isInstance)) {
            String[] v = new String[n];
            int at = 0;
            for (Column p : parts) {
                System.arraycopy(((Categorical) p).values(), 0, v, at, p.size());
                at += p.size();
            }
            return new Categorical(name, v);
        }
        throw new IllegalArgumentException("column " + name + " is numeric in some parts and categorical in others");
    }

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
