package dev.fleetsynth.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

/**
 * A unit's wear goes with its lifetime as it did in the training lives: units that fail sooner wear
 * more steeply (as on C-MAPSS), and a generated unit is drawn as one training life, lifetime and
 * wear together, not a lifetime from one life and a wear from another.
 */
class UnitLatentTest {
    @Test
    void shortLivesKeepTheirSteepWear() {
        SourceTable fleet = fleet();
        Synthesizer model =
                ModelKind.TRAJECTORY.fit(fleet, FitOptions.defaults().withSeed(1), TrainingListener.NONE, () -> false);
        SourceTable sample = model.sample(SampleRequest.of(30_000, 5));
        double real = lifeAgainstRise(fleet);
        double generated = lifeAgainstRise(sample);
        assertThat(real).isLessThan(-0.9);
        assertThat(generated)
                .as("correlation of lifetime and wear in generated units")
                .isLessThan(-0.6);
    }

    private static SourceTable fleet() {
        Random random = new Random(7);
        List<double[]> rows = new ArrayList<>();
        for (int u = 1; u <= 40; u++) {
            int life = 80 + random.nextInt(121);
            double rise = 2 + 6.0 * (200 - life) / 120;
            double e = 0;
            for (int t = 0; t < life; t++) {
                e = 0.6 * e + 0.12 * random.nextGaussian();
                double wear = Math.pow((double) t / (life - 1), 2);
                rows.add(new double[] {u, t + 1, 2 + rise * wear + e, 70 + random.nextGaussian(), life - 1 - t});
            }
        }
        String[] names = {"unit", "cycle", "vib", "temp", "rul"};
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rows.get(i)[j];
            }
            columns.add(new Column.Numeric(names[j], v));
        }
        SourceSchema schema = new SourceSchema(
                "wear_fleet",
                SourceSchema.Origin.REAL,
                List.of(
                        SourceSchema.Field.of("unit", ColumnKind.INTEGER, Role.UNIT),
                        SourceSchema.Field.of("cycle", ColumnKind.INTEGER, Role.ORDER),
                        SourceSchema.Field.of("vib", ColumnKind.NUMBER, Role.FEATURE),
                        SourceSchema.Field.of("temp", ColumnKind.NUMBER, Role.FEATURE),
                        SourceSchema.Field.of("rul", ColumnKind.NUMBER, Role.RUL)),
                new SourceSchema.Order("cycle", SourceSchema.OrderKind.COUNTER, 1, "cycles"),
                "cycles",
                null);
        return new SourceTable(schema, new ColumnTable(columns));
    }

    /** Pearson's correlation, over the units that run to failure, of lifetime and the rise of vib over the life. */
    private static double lifeAgainstRise(SourceTable t) {
        double[] vib = t.numeric("vib");
        double[] rul = t.rul();
        int[] unit = t.unitIndex();
        List<double[]> pairs = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= unit.length; i++) {
            if (i == unit.length || unit[i] != unit[i - 1]) {
                if (rul[i - 1] == 0 && i - from >= 20) {
                    double first = 0;
                    double last = 0;
                    for (int k = 0; k < 5; k++) {
                        first += vib[from + k] / 5;
                        last += vib[i - 1 - k] / 5;
                    }
                    pairs.add(new double[] {i - from, last - first});
                }
                from = i;
            }
        }
        return new PearsonsCorrelation()
                .correlation(
                        pairs.stream().mapToDouble(p -> p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray());
    }
}
