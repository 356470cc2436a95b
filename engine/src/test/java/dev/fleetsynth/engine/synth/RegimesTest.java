package dev.fleetsynth.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Operating regimes through the trajectory model's public face: a fleet whose engines switch
 * between three flight conditions from row to row, each moving every reading far more than wear
 * does (as C-MAPSS FD002 and FD004 do), and the same fleet in one condition.
 */
class RegimesTest {
    private static final double[] ALTITUDE = {0, 20, 42};
    private static final double[] LEVEL = {100, 140, 70};

    /** 40 engines; with regimes, each row flies one of three conditions at random. */
    static SourceTable fleet(boolean regimes, long seed) {
        Random rng = new Random(seed);
        List<Double> unit = new ArrayList<>();
        List<Double> cycle = new ArrayList<>();
        List<Double> altitude = new ArrayList<>();
        List<Double> temp = new ArrayList<>();
        List<Double> rul = new ArrayList<>();
        for (int u = 1; u <= 40; u++) {
            int life = 120 + rng.nextInt(80);
            for (int t = 0; t < life; t++) {
                int g = regimes ? rng.nextInt(3) : 0;
                double wear = Math.pow((double) t / life, 2);
                unit.add((double) u);
                cycle.add(t + 1.0);
                altitude.add(ALTITUDE[g] + 0.01 * rng.nextGaussian());
                temp.add(LEVEL[g] * (1 + 0.05 * wear) + 0.3 * rng.nextGaussian());
                rul.add((double) (life - 1 - t));
            }
        }
        List<SourceSchema.Field> fields = List.of(
                SourceSchema.Field.of("unit", ColumnKind.INTEGER, Role.UNIT),
                SourceSchema.Field.of("cycle", ColumnKind.INTEGER, Role.ORDER),
                SourceSchema.Field.of("altitude", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("temp", ColumnKind.NUMBER, Role.FEATURE),
                SourceSchema.Field.of("rul", ColumnKind.NUMBER, Role.RUL));
        SourceSchema schema = new SourceSchema(
                "flights",
                SourceSchema.Origin.REAL,
                fields,
                new SourceSchema.Order("cycle", SourceSchema.OrderKind.COUNTER, 1, "cycles"),
                "cycles",
                null);
        return new SourceTable(
                schema,
                new ColumnTable(List.of(
                        column("unit", unit),
                        column("cycle", cycle),
                        column("altitude", altitude),
                        column("temp", temp),
                        column("rul", rul))));
    }

    private static Column column(String name, List<Double> v) {
        return new Column.Numeric(
                name, v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Synthesizer fit(SourceTable t) {
        return ModelKind.TRAJECTORY.fit(t, FitOptions.defaults(), p -> {}, () -> false);
    }

    @Test
    void conditionsThatSwitchRowByRowAreFoundAndEachRowsReadingsFollowItsOwnCondition() {
        Synthesizer model = fit(fleet(true, 1));
        assertThat(model.summary().details().get("regimes")).isEqualTo(3);
        SourceTable s = model.sample(SampleRequest.of(6000, 5));
        double[] altitude = s.numeric("altitude");
        double[] temp = s.numeric("temp");
        double[] rul = s.rul();
        int[] count = new int[3];
        for (int i = 0; i < s.rows(); i++) {
            int g = altitude[i] < 10 ? 0 : altitude[i] < 31 ? 1 : 2;
            count[g]++;
            // the temperature of a row sits at its own condition's level (wear adds at most 5 %), never between
            // conditions
            assertThat(temp[i] / LEVEL[g])
                    .as("row %d at altitude %.2f", i, altitude[i])
                    .isBetween(0.97, 1.08);
            if (rul[i] == 0) {
                assertThat(temp[i] / LEVEL[g]).isGreaterThan(1.02);
            }
        }
        for (int g = 0; g < 3; g++) {
            assertThat(count[g] / 6000.0).as("share of condition %d", g).isBetween(0.28, 0.39);
        }
    }

    @Test
    void oneConditionIsNoRegimes() {
        assertThat(fit(fleet(false, 2)).summary().details().get("regimes")).isEqualTo(0);
    }
}
