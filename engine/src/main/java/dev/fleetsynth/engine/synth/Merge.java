package dev.fleetsynth.engine.synth;

import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.trajectory.TrajectoryModel;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's data merged with the machine's simulated seed, for a model that learns from both: the
 * real rows keep their shape; the seed's rows join them on the readings both have (the real
 * columns mapped onto the profile's sensor names), as units of their own. Both must count RUL on the
 * same clock: the seed's is hourly, so the real order must be timestamps.
 */
public final class Merge {
    private Merge() {}

    /**
     * @param table         the merged rows, in the real data's schema (readings restricted to the shared ones), origin merged
     * @param realRows      rows from the user's data
     * @param simulatedRows rows from the seed
     * @param realWeight    the user's rows' share of all rows
     * @param shared        the readings both had, which the merged model learns
     * @param left          the user's readings the seed lacks, left out of the merged model
     */
    public record Merged(
            SourceTable table,
            int realRows,
            int simulatedRows,
            double realWeight,
            List<String> shared,
            List<String> left) {}

    public static Merged merge(SourceTable real, SourceTable simulated) {
        SourceSchema r = real.schema();
        SourceSchema s = simulated.schema();
        if (!r.runToFailure() || !s.runToFailure()) {
            throw new IllegalArgumentException(
                    "merging needs run-to-failure data on both sides (units, an order and RUL)");
        }
        if (r.order().kind() != SourceSchema.OrderKind.TIMESTAMP
                || s.order().kind() != SourceSchema.OrderKind.TIMESTAMP) {
            throw new IllegalArgumentException(
                    "merging needs timestamps on both sides: the simulated seed counts RUL in hours, this data in "
                            + r.rulUnit()
                            + "; train on this data alone, or bring it in with its timestamp column as the order");
        }
        Set<String> simulatedLearnt = new HashSet<>();
        s.learnt().stream().filter(f -> f.kind().numeric()).forEach(f -> simulatedLearnt.add(f.name()));
        List<String> shared = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (SourceSchema.Field f : r.learnt()) {
            (f.kind().numeric() && simulatedLearnt.contains(f.name()) ? shared : left).add(f.name());
        }
        if (shared.isEmpty()) {
            throw new IllegalArgumentException(
                    "the data and the simulated seed share no reading; map the data's columns onto the machine's "
                            + "profile so that they carry its sensor names");
        }
        SourceSchema schema = r.keepLearnt(new HashSet<>(shared)).withOrigin(SourceSchema.Origin.MERGED);
        int n = real.rows();
        int m = simulated.rows();
        double unitOffset = 0;
        String unitName = schema.unitColumn().orElseThrow();
        if (real.column(unitName) instanceof Column.Numeric u) {
            for (double v : u.values()) {
                unitOffset = Math.max(unitOffset, v);
            }
        }
        int[] simUnit = simulated.unitIndex();
        List<Column> columns = new ArrayList<>();
        for (SourceSchema.Field f : schema.fields()) {
            Column realColumn = real.column(f.name());
            Column simColumn;
            if (f.role() == Role.UNIT) {
                if (realColumn instanceof Column.Numeric) {
                    double[] v = new double[m];
                    for (int i = 0; i < m; i++) {
                        v[i] = unitOffset + 1 + simUnit[i];
                    }
                    simColumn = new Column.Numeric(f.name(), v);
                } else {
                    String[] v = new String[m];
                    for (int i = 0; i < m; i++) {
                        v[i] = "simulated_" + (simUnit[i] + 1);
                    }
                    simColumn = new Column.Categorical(f.name(), v);
                }
            } else if (f.role() == Role.ORDER) {
                simColumn =
                        new Column.Numeric(f.name(), simulated.numeric(s.order().column()));
            } else if (f.role() == Role.RUL) {
                simColumn = new Column.Numeric(f.name(), simulated.rul());
            } else if (f.learnt()) {
                simColumn = simulated.column(f.name());
            } else {
                simColumn = f.constant() != null
                        ? TrajectoryModel.constantColumn(f, m)
                        : f.kind() == ColumnKind.CATEGORY
                                ? new Column.Categorical(f.name(), new String[m])
                                : nan(f.name(), m);
            }
            columns.add(Column.concat(List.of(realColumn, simColumn)));
        }
        return new Merged(new SourceTable(schema, new ColumnTable(columns)), n, m, n / (double) (n + m), shared, left);
    }

    private static Column nan(String name, int m) {
        double[] v = new double[m];
        java.util.Arrays.fill(v, Double.NaN);
        return new Column.Numeric(name, v);
    }
}
