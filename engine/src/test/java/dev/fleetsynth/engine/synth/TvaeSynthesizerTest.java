package dev.fleetsynth.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.tvae.TrainingListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TVAE behind the synthesizer seam, on a table without histories (an AI4I-like shape): a
 * product type of three levels at 60/30/10 %, a failure flag at 5 %, a whole-number tool wear and a
 * torque. Five epochs teach the numbers little, but category and flag shares come from the
 * calibrated draw, which holds from the first epoch: that, and the types, are what is checked.
 */
class TvaeSynthesizerTest {
    static final int ROWS = 2_000;
    static SourceTable table;
    static Synthesizer model;
    static SourceTable sample;

    @TempDir
    Path dir;

    static SourceTable table() {
        SourceSchema schema = new SourceSchema(
                "ai4i_like",
                SourceSchema.Origin.REAL,
                List.of(
                        SourceSchema.Field.of("Type", ColumnKind.CATEGORY, Role.FEATURE),
                        SourceSchema.Field.of("Tool wear [min]", ColumnKind.INTEGER, Role.FEATURE),
                        SourceSchema.Field.of("Torque [Nm]", ColumnKind.NUMBER, Role.FEATURE),
                        SourceSchema.Field.of("Machine failure", ColumnKind.FLAG, Role.FAILURE)),
                null,
                null,
                null);
        Random random = new Random(8);
        String[] type = new String[ROWS];
        double[] wear = new double[ROWS];
        double[] torque = new double[ROWS];
        double[] failure = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            // Exact shares, shuffled by the draw of the other columns: 1,200 L, 600 M, 200 H; 100 failures.
            type[i] = i % 10 < 6 ? "L" : i % 10 < 9 ? "M" : "H";
            wear[i] = random.nextInt(251);
            torque[i] = 40 + 10 * random.nextGaussian();
            failure[i] = i % 20 == 7 ? 1 : 0;
        }
        return new SourceTable(
                schema,
                new ColumnTable(List.of(
                        new Column.Categorical("Type", type),
                        new Column.Numeric("Tool wear [min]", wear),
                        new Column.Numeric("Torque [Nm]", torque),
                        new Column.Numeric("Machine failure", failure))));
    }

    @BeforeAll
    static void fit() {
        table = table();
        model = ModelKind.TVAE.fit(
                table, FitOptions.defaults().withEpochs(5).withSeed(4), TrainingListener.NONE, () -> false);
        sample = model.sample(SampleRequest.of(5_000, 3));
    }

    static Map<String, Double> shares(SourceTable t, String column) {
        String[] v = ((Column.Categorical) t.column(column)).values();
        Map<String, Double> shares = new TreeMap<>();
        for (String s : v) {
            shares.merge(s, 1.0, Double::sum);
        }
        shares.replaceAll((label, count) -> count / v.length);
        return shares;
    }

    @Test
    void drawsRowsInTheTablesShape() {
        assertThat(model).isInstanceOf(TvaeSynthesizer.class);
        assertThat(model.format()).isEqualTo(TvaeSynthesizer.FORMAT);
        assertThat(model.summary().epochs()).isEqualTo(5);
        assertThat(model.summary().lossCurve())
                .hasSize(5)
                .allSatisfy(l -> assertThat(l).isFinite());
        assertThat(sample.rows()).isEqualTo(5_000);
        assertThat(sample.schema()).isEqualTo(table.schema().withOrigin(SourceSchema.Origin.SYNTHETIC));
        assertThat(sample.table().names())
                .containsExactlyElementsOf(table.table().names());
        assertThat(Arrays.stream(sample.numeric("Torque [Nm]")).filter(v -> !Double.isFinite(v)))
                .isEmpty();
    }

    @Test
    void categoriesKeepTheirLabelsAndShares() {
        Map<String, Double> real = shares(table, "Type");
        assertThat(real).containsEntry("L", 0.6).containsEntry("M", 0.3).containsEntry("H", 0.1);
        Map<String, Double> synthetic = shares(sample, "Type");
        assertThat(synthetic.keySet()).containsExactlyElementsOf(real.keySet());
        real.forEach(
                (label, share) -> assertThat(synthetic.get(label)).as(label).isCloseTo(share, within(0.03)));
    }

    @Test
    void flagsAreZeroOrOneAtTheirRate() {
        double[] flag = sample.numeric("Machine failure");
        assertThat(flag).containsOnly(0.0, 1.0);
        assertThat(Arrays.stream(flag).average().orElseThrow()).isCloseTo(0.05, within(0.02));
    }

    @Test
    void integersAreWholeAndWithinTheirRange() {
        double[] wear = sample.numeric("Tool wear [min]");
        assertThat(Arrays.stream(wear).filter(v -> v != Math.rint(v))).isEmpty();
        assertThat(Arrays.stream(wear).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(wear).max().orElseThrow()).isLessThanOrEqualTo(250);
        // Not one value for every row: the column is learnt, not copied as a constant.
        assertThat(Arrays.stream(wear).distinct().count()).isGreaterThan(20);
    }

    @Test
    void aSavedModelLoadsAndDrawsTheSameRows() throws Exception {
        model.save(dir);
        Synthesizer loaded = Synthesizers.load(dir);
        assertThat(loaded).isInstanceOf(TvaeSynthesizer.class);
        assertThat(loaded.schema()).isEqualTo(model.schema());
        SourceTable a = model.sample(SampleRequest.of(1_500, 12));
        SourceTable b = loaded.sample(SampleRequest.of(1_500, 12));
        for (Column c : a.table().columns()) {
            if (c instanceof Column.Numeric n) {
                assertThat(b.numeric(c.name())).as(c.name()).containsExactly(n.values());
            } else {
                assertThat(((Column.Categorical) b.column(c.name())).values())
                        .as(c.name())
                        .containsExactly(((Column.Categorical) c).values());
            }
        }
        // Another seed, other rows.
        assertThat(model.sample(SampleRequest.of(1_500, 13)).numeric("Torque [Nm]"))
                .isNotEqualTo(a.numeric("Torque [Nm]"));
    }

    @Test
    void conditionsNeedTheTrajectoryModel() {
        assertThatThrownBy(() -> model.sample(
                        new SampleRequest(100, 1, new SampleRequest.Conditions(10.0, null, null, Map.of()), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trajectory");
    }

    @Test
    void aMissingModelDirectoryIsAnError() {
        assertThatThrownBy(() -> Synthesizers.load(dir))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(Synthesizer.JSON_FILE);
    }
}
