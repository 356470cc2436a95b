package dev.fleetsynth.engine.tvae.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.tvae.transform.DataTransformer.Activation;
import dev.fleetsynth.engine.tvae.transform.DataTransformer.CategoricalEncoding;
import dev.fleetsynth.engine.tvae.transform.DataTransformer.NumericEncoding;
import dev.fleetsynth.engine.tvae.transform.DataTransformer.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class DataTransformerTest {
    private static final String[] GRADES = {"M", "L", "H"};

    /** Columns in a deliberately mixed order: categorical first, a bimodal, a constant, a unimodal one. */
    private static ColumnTable table(int rows, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        String[] grade = new String[rows];
        double[] temperature = new double[rows];
        double[] constant = new double[rows];
        double[] vibration = new double[rows];
        for (int i = 0; i < rows; i++) {
            grade[i] = GRADES[rng.nextInt(3)];
            temperature[i] = rng.nextDouble() < 0.3 ? 40 + 2 * gauss.sample() : 80 + 5 * gauss.sample();
            constant[i] = 7.5;
            vibration[i] = 1.2 + 0.1 * gauss.sample();
        }
        return new ColumnTable(List.of(
                new Column.Categorical("grade", grade),
                new Column.Numeric("temperature", temperature),
                new Column.Numeric("constant", constant),
                new Column.Numeric("vibration", vibration)));
    }

    @Test
    void spansFollowTheColumnsAndAddUpToTheWidth() {
        DataTransformer t = DataTransformer.fit(table(2000, 1), 7);
        List<DataTransformer.Encoding> encodings = t.encodings();
        assertThat(encodings)
                .extracting(DataTransformer.Encoding::name)
                .containsExactly("grade", "temperature", "constant", "vibration");
        assertThat(encodings.get(0)).isInstanceOf(CategoricalEncoding.class);
        assertThat(((CategoricalEncoding) encodings.get(0)).categories()).containsExactly("H", "L", "M");
        NumericEncoding temperature = (NumericEncoding) encodings.get(1);
        NumericEncoding constant = (NumericEncoding) encodings.get(2);
        NumericEncoding vibration = (NumericEncoding) encodings.get(3);
        assertThat(temperature.modes()).hasSizeBetween(2, DataTransformer.MAX_MODES);
        assertThat(constant.modes()).hasSize(1);
        assertThat(temperature.modes())
                .allSatisfy(m -> assertThat(m.weight()).isGreaterThan(DataTransformer.WEIGHT_THRESHOLD));

        int t1 = temperature.modes().size();
        int c1 = constant.modes().size();
        int v1 = vibration.modes().size();
        assertThat(t.spans())
                .containsExactly(
                        new Span(0, 3, Activation.SOFTMAX),
                        new Span(3, 1, Activation.TANH),
                        new Span(4, t1, Activation.SOFTMAX),
                        new Span(4 + t1, 1, Activation.TANH),
                        new Span(5 + t1, c1, Activation.SOFTMAX),
                        new Span(5 + t1 + c1, 1, Activation.TANH),
                        new Span(6 + t1 + c1, v1, Activation.SOFTMAX));
        assertThat(t.outputWidth()).isEqualTo(6 + t1 + c1 + v1);
        assertThat(encodings.stream().mapToInt(DataTransformer.Encoding::width).sum())
                .isEqualTo(t.outputWidth());
    }

    @Test
    void encodedRowsAreOneHotsAndClippedNormalisedValues() {
        ColumnTable table = table(3000, 2);
        DataTransformer t = DataTransformer.fit(table, 3);
        float[] data = t.transform(table, 4);
        int w = t.outputWidth();
        assertThat(data).hasSize(3000 * w);
        String[] grade = ((Column.Categorical) table.columns().get(0)).values();
        for (int i = 0; i < 3000; i++) {
            for (Span s : t.spans()) {
                if (s.activation() == Activation.TANH) {
                    assertThat(data[i * w + s.start()]).isBetween(-0.99f, 0.99f);
                } else {
                    int ones = 0;
                    for (int j = 0; j < s.length(); j++) {
                        float v = data[i * w + s.start() + j];
                        assertThat(v).isIn(0f, 1f);
                        ones += v == 1f ? 1 : 0;
                    }
                    assertThat(ones).isEqualTo(1);
                }
            }
            int category = Arrays.asList("H", "L", "M").indexOf(grade[i]);
            assertThat(data[i * w + category]).isEqualTo(1f);
        }
    }

    @Test
    void inverseOfTransformGivesTheTableBack() {
        ColumnTable table = table(5000, 5);
        DataTransformer t = DataTransformer.fit(table, 6);
        float[] data = t.transform(table, 7);
        ColumnTable back = t.inverse(data, 5000, null, 8);

        assertThat(back.names()).isEqualTo(table.names());
        assertThat(back.columns().get(0)).isInstanceOf(Column.Categorical.class);
        assertThat(((Column.Categorical) back.columns().get(0)).values())
                .containsExactly(((Column.Categorical) table.columns().get(0)).values());
        int w = t.outputWidth();
        int checked = 0;
        for (int c = 1; c < 4; c++) {
            double[] original = ((Column.Numeric) table.columns().get(c)).values();
            double[] restored = ((Column.Numeric) back.columns().get(c)).values();
            int alphaAt = t.spans().get(2 * c - 1).start();
            for (int i = 0; i < original.length; i++) {
                // Values beyond 0.99 of a mode's half-width (3.96 sigma) were clipped on the way in.
                if (Math.abs(data[i * w + alphaAt]) < 0.99f) {
                    assertThat(restored[i])
                            .as("%s row %d", table.names().get(c), i)
                            .isCloseTo(original[i], within(1e-6 * (1 + Math.abs(original[i]))));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(3 * 5000 * 99 / 100);
        for (double v : ((Column.Numeric) back.columns().get(2)).values()) {
            assertThat(v).isCloseTo(7.5, within(1e-9));
        }
    }

    /** A value between two modes goes to each with the (renormalised) posterior probability. */
    @Test
    void drawnModesFollowThePosterior() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[600];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? gauss.sample() : 4 + gauss.sample();
        }
        DataTransformer t = DataTransformer.fit(new ColumnTable(List.of(new Column.Numeric("x", x))), 12);
        BayesianGaussianMixture mixture = BayesianGaussianMixture.fromJson(
                t.toJson().get("columns").get(0).get("mixture"));
        int[] kept = ints(t.toJson().get("columns").get(0).get("modes"));
        assertThat(kept.length).isGreaterThanOrEqualTo(2);

        double between = 2.0;
        double[] posterior = mixture.predictProba(between);
        double[] expected = new double[kept.length];
        double total = 0;
        for (int j = 0; j < kept.length; j++) {
            expected[j] = posterior[kept[j]] + DataTransformer.MODE_SMOOTHING;
            total += expected[j];
        }
        int n = 40_000;
        double[] same = new double[n];
        Arrays.fill(same, between);
        float[] data = t.transform(new ColumnTable(List.of(new Column.Numeric("x", same))), 13);
        int w = t.outputWidth();
        int[] counts = new int[kept.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < kept.length; j++) {
                if (data[i * w + 1 + j] == 1f) {
                    counts[j]++;
                }
            }
        }
        int split = 0;
        for (int j = 0; j < kept.length; j++) {
            double p = expected[j] / total;
            if (p > 0.1) {
                split++;
            }
            assertThat((double) counts[j] / n)
                    .as("mode %d", j)
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / n) + 1e-4));
        }
        assertThat(split).as("modes with a real share of the value").isGreaterThanOrEqualTo(2);
    }

    @Test
    void sameSeedsGiveTheSameResultsAndOtherTransformSeedsOtherDraws() {
        ColumnTable table = table(2000, 14);
        DataTransformer a = DataTransformer.fit(table, 15);
        DataTransformer b = DataTransformer.fit(table, 15);
        assertThat(a.toJson()).isEqualTo(b.toJson());
        float[] first = a.transform(table, 16);
        assertThat(b.transform(table, 16)).containsExactly(first);
        assertThat(a.transform(table, 17)).isNotEqualTo(first);

        double[] sigmas = constantSigmas(a.outputWidth(), 0.05);
        ColumnTable x = a.inverse(first, 2000, sigmas, 18);
        ColumnTable y = b.inverse(first, 2000, sigmas, 18);
        for (int c = 1; c < 4; c++) {
            assertThat(((Column.Numeric) y.columns().get(c)).values())
                    .containsExactly(((Column.Numeric) x.columns().get(c)).values());
        }
    }

    @Test
    void jsonRoundTripGivesAnIdenticalTransformer() throws Exception {
        ColumnTable table = table(3000, 19);
        DataTransformer original = DataTransformer.fit(table, 20);
        ObjectMapper mapper = new ObjectMapper();
        String text = mapper.writeValueAsString(original.toJson());
        DataTransformer reloaded = DataTransformer.fromJson(mapper.readTree(text));

        assertThat(reloaded.spans()).isEqualTo(original.spans());
        assertThat(reloaded.outputWidth()).isEqualTo(original.outputWidth());
        assertThat(reloaded.encodings()).isEqualTo(original.encodings());
        assertThat(reloaded.toJson()).isEqualTo(original.toJson());
        float[] encoded = original.transform(table, 21);
        assertThat(reloaded.transform(table, 21)).containsExactly(encoded);

        double[] sigmas = constantSigmas(original.outputWidth(), 0.1);
        ColumnTable a = original.inverse(encoded, 3000, sigmas, 22);
        ColumnTable b = reloaded.inverse(encoded, 3000, sigmas, 22);
        assertThat(b.names()).isEqualTo(a.names());
        assertThat(((Column.Categorical) b.columns().get(0)).values())
                .containsExactly(((Column.Categorical) a.columns().get(0)).values());
        for (int c = 1; c < 4; c++) {
            assertThat(((Column.Numeric) b.columns().get(c)).values())
                    .containsExactly(((Column.Numeric) a.columns().get(c)).values());
        }
    }

    /**
     * With sigmas, the normalised value is drawn around the decoder's output: the decoded values scatter
     * around the sigma-free ones by sigma x 4 x the mode's std, and never leave +-4 std of the mode.
     */
    @Test
    void sigmasScatterTheNormalisedValueAndClipToTheModesRange() {
        double[] x = new double[4000];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23);
        var gauss = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + gauss.sample();
        }
        ColumnTable table = new ColumnTable(List.of(new Column.Numeric("x", x)));
        DataTransformer t = DataTransformer.fit(table, 24);
        float[] data = t.transform(table, 25);
        int w = t.outputWidth();
        List<DataTransformer.Mode> modes = ((NumericEncoding) t.encodings().get(0)).modes();

        double[] plain =
                ((Column.Numeric) t.inverse(data, x.length, null, 26).columns().get(0)).values();
        double[] zero = ((Column.Numeric)
                        t.inverse(data, x.length, new double[w], 26).columns().get(0))
                .values();
        assertThat(zero).containsExactly(plain);

        double sigma = 0.02;
        double[] noisy = ((Column.Numeric) t.inverse(data, x.length, constantSigmas(w, sigma), 26)
                        .columns()
                        .get(0))
                .values();
        double sum = 0;
        double sumSq = 0;
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            int mode = argmax(data, i * w + 1, modes.size());
            double z = (noisy[i] - plain[i])
                    / (DataTransformer.STD_MULTIPLIER * modes.get(mode).std());
            if (Math.abs(data[i * w]) < 0.9f) {
                sum += z;
                sumSq += z * z;
                count++;
            }
        }
        double mean = sum / count;
        assertThat(mean).isCloseTo(0, within(4 * sigma / Math.sqrt(count)));
        assertThat(Math.sqrt(sumSq / count - mean * mean)).isCloseTo(sigma, within(0.1 * sigma));

        double[] wild = ((Column.Numeric) t.inverse(data, x.length, constantSigmas(w, 50), 27)
                        .columns()
                        .get(0))
                .values();
        for (int i = 0; i < x.length; i++) {
            DataTransformer.Mode m = modes.get(argmax(data, i * w + 1, modes.size()));
            assertThat(wild[i]).isBetween(m.mean() - 4 * m.std() - 1e-9, m.mean() + 4 * m.std() + 1e-9);
        }
    }

    @Test
    void inverseTakesTheLargestEntryOfEachOneHotGroup() {
        ColumnTable table = table(500, 28);
        DataTransformer t = DataTransformer.fit(table, 29);
        int w = t.outputWidth();
        float[] data = new float[2 * w];
        // Row 0: soft scores, second category and the last temperature mode win; row 1: all zero, first wins.
        data[0] = 0.2f;
        data[1] = 0.5f;
        data[2] = 0.3f;
        Span temperatureModes = t.spans().get(2);
        for (int j = 0; j < temperatureModes.length(); j++) {
            data[temperatureModes.start() + j] = 0.1f * j;
        }
        ColumnTable back = t.inverse(data, 2, null, 30);
        assertThat(((Column.Categorical) back.columns().get(0)).values()).containsExactly("L", "H");
        List<DataTransformer.Mode> modes = ((NumericEncoding) t.encodings().get(1)).modes();
        double[] temperature = ((Column.Numeric) back.columns().get(1)).values();
        assertThat(temperature[0]).isEqualTo(modes.get(modes.size() - 1).mean());
        assertThat(temperature[1]).isEqualTo(modes.get(0).mean());
    }

    @Test
    void tinyTablesFitAtMostOneModePerRow() {
        ColumnTable table = new ColumnTable(List.of(
                new Column.Numeric("a", new double[] {1, 2, 3, 50, 51}),
                new Column.Categorical("b", new String[] {"x", "y", "x", "x", "y"})));
        DataTransformer t = DataTransformer.fit(table, 31);
        NumericEncoding a = (NumericEncoding) t.encodings().get(0);
        assertThat(a.modes()).hasSizeBetween(1, 5);
        float[] data = t.transform(table, 32);
        ColumnTable back = t.inverse(data, 5, null, 33);
        assertThat(((Column.Numeric) back.columns().get(0)).values().length).isEqualTo(5);
        assertThat(((Column.Categorical) back.columns().get(1)).values()).containsExactly("x", "y", "x", "x", "y");

        DataTransformer one =
                DataTransformer.fit(new ColumnTable(List.of(new Column.Numeric("a", new double[] {4}))), 1);
        assertThat(one.outputWidth()).isEqualTo(2);
        float[] encoded = one.transform(new ColumnTable(List.of(new Column.Numeric("a", new double[] {4}))), 1);
        assertThat(encoded[0]).isCloseTo(0f, within(1e-9f));
        assertThat(encoded[1]).isEqualTo(1f);
    }

    /** The size the brief names (10,000 rows x 5 columns) runs through fit, transform and inverse; timing is the benchmark's job. */
    @Test
    void handlesTenThousandRowsOfFiveColumns() {
        ColumnTable base = table(10_000, 34);
        List<Column> columns = new ArrayList<>(base.columns());
        double[] rul = new double[10_000];
        for (int i = 0; i < rul.length; i++) {
            rul[i] = (i * 37) % 500;
        }
        columns.add(new Column.Numeric("rul", rul));
        ColumnTable table = new ColumnTable(columns);
        DataTransformer t = DataTransformer.fit(table, 35);
        float[] data = t.transform(table, 36);
        assertThat(data).hasSize(10_000 * t.outputWidth());
        ColumnTable back = t.inverse(data, 10_000, constantSigmas(t.outputWidth(), 0.01), 37);
        assertThat(back.rows()).isEqualTo(10_000);
        assertThat(back.names()).isEqualTo(table.names());
    }

    @Test
    void badInputIsRejectedWithTheColumnNamed() {
        ColumnTable table = table(300, 38);
        DataTransformer t = DataTransformer.fit(table, 39);

        ColumnTable unknown = replace(table, 0, new Column.Categorical("grade", fill(300, "M", 17, "XL")));
        assertThatThrownBy(() -> t.transform(unknown, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grade")
                .hasMessageContaining("'XL'")
                .hasMessageContaining("row 17");
        ColumnTable nullCategory = replace(table, 0, new Column.Categorical("grade", fill(300, "M", 3, null)));
        assertThatThrownBy(() -> t.transform(nullCategory, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grade");

        double[] withNaN = new double[300];
        withNaN[5] = Double.NaN;
        ColumnTable nan = replace(table, 1, new Column.Numeric("temperature", withNaN));
        assertThatThrownBy(() -> t.transform(nan, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature")
                .hasMessageContaining("row 5");
        assertThatThrownBy(() -> DataTransformer.fit(nan, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature");
        assertThatThrownBy(() -> DataTransformer.fit(
                        replace(table, 0, new Column.Categorical("grade", fill(300, "M", 0, null))), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grade");

        ColumnTable renamed = replace(table, 3, new Column.Numeric("speed", new double[300]));
        assertThatThrownBy(() -> t.transform(renamed, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed");
        ColumnTable wrongKind = replace(table, 3, new Column.Categorical("vibration", fill(300, "a", 0, "a")));
        assertThatThrownBy(() -> t.transform(wrongKind, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vibration");
        assertThatThrownBy(() -> t.transform(new ColumnTable(table.columns().subList(0, 2)), 1))
                .isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> DataTransformer.fit(new ColumnTable(List.of()), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        DataTransformer.fit(new ColumnTable(List.of(new Column.Numeric("a", new double[0]))), 1))
                .isInstanceOf(IllegalArgumentException.class);

        int w = t.outputWidth();
        assertThatThrownBy(() -> t.inverse(new float[w * 2 + 1], 2, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.inverse(new float[w * 2], 2, new double[w - 1], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.inverse(new float[w * 2], 2, constantSigmas(w, -1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.inverse(new float[w * 2], 2, constantSigmas(w, Double.NaN), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedSavedStateIsRejected() {
        DataTransformer t = DataTransformer.fit(table(300, 40), 41);
        ObjectMapper mapper = new ObjectMapper();
        assertThatThrownBy(() -> DataTransformer.fromJson(mapper.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);

        ObjectNode badKind = t.toJson();
        ((ObjectNode) badKind.get("columns").get(0)).put("kind", "date");
        assertThatThrownBy(() -> DataTransformer.fromJson(badKind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grade")
                .hasMessageContaining("date");

        ObjectNode badMode = t.toJson();
        ((ObjectNode) badMode.get("columns").get(1)).putArray("modes").add(99);
        assertThatThrownBy(() -> DataTransformer.fromJson(badMode))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature");

        ObjectNode noMixture = t.toJson();
        ((ObjectNode) noMixture.get("columns").get(1)).remove("mixture");
        assertThatThrownBy(() -> DataTransformer.fromJson(noMixture))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temperature");

        ObjectNode newer = t.toJson();
        newer.put("version", 2);
        assertThatThrownBy(() -> DataTransformer.fromJson(newer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static ColumnTable replace(ColumnTable table, int index, Column column) {
        List<Column> columns = new ArrayList<>(table.columns());
        columns.set(index, column);
        return new ColumnTable(columns);
    }

    private static String[] fill(int n, String value, int at, String other) {
        String[] v = new String[n];
        Arrays.fill(v, value);
        v[at] = other;
        return v;
    }

    private static double[] constantSigmas(int width, double sigma) {
        double[] s = new double[width];
        Arrays.fill(s, sigma);
        return s;
    }

    private static int argmax(float[] data, int from, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (data[from + j] > data[from + best]) {
                best = j;
            }
        }
        return best;
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }
}
