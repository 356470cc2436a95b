package dev.fleetsynth.engine.tvae.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Turns a table into the vectors CTGAN's TVAE learns from, and the TVAE's output back into a table.
 *
 * <p>A numeric column is rarely one bell curve: sensor readings sit in a healthy band and drift into
 * failure bands. Scaling it as a whole would squeeze every band into a sliver of the decoder's range,
 * so each column is described by the modes of a {@link BayesianGaussianMixture} ("mode-specific
 * normalisation", as CTGAN's {@code DataTransformer} with RDT's {@code ClusterBasedNormalizer}): a value
 * becomes a one-hot choice of mode plus its position within that mode, {@code (x - mu) / (4 sigma)}
 * clipped to +-0.99, which a tanh output can reach. Only modes with weight above
 * {@link #WEIGHT_THRESHOLD} get a one-hot position. The mode is drawn from the value's posterior over
 * those modes (the whole mixture's posterior, renormalised over them after RDT's 1e-6 smoothing) rather
 * than taken as the most likely one, so that values between modes are spread over both as the mixture
 * says. A categorical column becomes a one-hot over the categories seen in fitting.
 *
 * <p>Each column gets its own random stream derived from the seed, so results do not depend on how
 * columns are spread over threads. Instances are immutable and safe to share between threads.
 */
public final class DataTransformer {
    /** Most modes per numeric column (CTGAN's {@code max_clusters}). */
    public static final int MAX_MODES = BayesianGaussianMixture.DEFAULT_COMPONENTS;
    /** A mode is kept when its mixture weight exceeds this (CTGAN's {@code weight_threshold}). */
    public static final double WEIGHT_THRESHOLD = 0.005;
    /** Normalised values are clipped here on encoding, so tanh never has to reach its asymptote. */
    static final double ALPHA_CLIP = 0.99;
    /** A mode's half-width in normalised units: four standard deviations span -1..1. */
    static final double STD_MULTIPLIER = 4;
    /** RDT adds this to each kept mode's posterior before drawing, so no kept mode is ever impossible. */
    static final double MODE_SMOOTHING = 1e-6;

    private static final String FORMAT = "fleetsynth.tvae.DataTransformer";
    private static final int VERSION = 1;

    /** How the decoder's output for a span is activated, and so how the loss compares it. */
    public enum Activation {
        TANH,
        SOFTMAX
    }

    /** A run of output dimensions that belong together: a normalised value, or a one-hot group. */
    public record Span(int start, int length, Activation activation) {}

    /** What was learnt about one column. */
    public sealed interface Encoding permits NumericEncoding, CategoricalEncoding {
        String name();

        /** Output dimensions of the column. */
        int width();
    }

    /** One kept mode of a numeric column, with its weight in the whole mixture (kept modes need not sum to 1). */
    public record Mode(double mean, double std, double weight) {}

    /** A numeric column: its kept modes in the order of their one-hot positions. */
    public record NumericEncoding(String name, List<Mode> modes) implements Encoding {
        public NumericEncoding {
            modes = List.copyOf(modes);
        }

        @Override
        public int width() {
            return 1 + modes.size();
        }
    }

    /** A categorical column: its categories in the order of their one-hot positions (sorted). */
    public record CategoricalEncoding(String name, List<String> categories) implements Encoding {
        public CategoricalEncoding {
            categories = List.copyOf(categories);
        }

        @Override
        public int width() {
            return categories.size();
        }
    }

    /** Per-column state the hot loops need as primitive arrays. */
    private sealed interface Codec permits NumericCodec, CategoricalCodec {
        String name();

        int width();
    }

    private record NumericCodec(String name, BayesianGaussianMixture mixture, int[] kept, double[] means, double[] stds)
            implements Codec {
        static NumericCodec of(String name, BayesianGaussianMixture mixture, int[] kept) {
            double[] allMeans = mixture.means();
            double[] allStds = mixture.stds();
            double[] means = new double[kept.length];
            double[] stds = new double[kept.length];
            for (int j = 0; j < kept.length; j++) {
                means[j] = allMeans[kept[j]];
                stds[j] = allStds[kept[j]];
            }
            return new NumericCodec(name, mixture, kept, means, stds);
        }

        @Override
        public int width() {
            return 1 + kept.length;
        }
    }

    private record CategoricalCodec(String name, String[] categories, Map<String, Integer> index) implements Codec {
        static CategoricalCodec of(String name, List<String> categories) {
            Map<String, Integer> index = new HashMap<>();
            for (int j = 0; j < categories.size(); j++) {
                index.put(categories.get(j), j);
            }
            return new CategoricalCodec(name, categories.toArray(String[]::new), Map.copyOf(index));
        }

        @Override
        public int width() {
            return categories.length;
        }
    }

    private final Codec[] codecs;
    private final int[] starts;
    private final int width;
    private final List<Span> spans;
    private final List<Encoding> encodings;

    private DataTransformer(Codec[] codecs) {
        this.codecs = codecs;
        this.starts = new int[codecs.length];
        List<Span> spanList = new ArrayList<>();
        List<Encoding> encodingList = new ArrayList<>();
        int at = 0;
        for (int c = 0; c < codecs.length; c++) {
            starts[c] = at;
            if (codecs[c] instanceof NumericCodec n) {
                spanList.add(new Span(at, 1, Activation.TANH));
                spanList.add(new Span(at + 1, n.kept().length, Activation.SOFTMAX));
                double[] weights = n.mixture().weights();
                List<Mode> modes = new ArrayList<>();
                for (int j = 0; j < n.kept().length; j++) {
                    modes.add(new Mode(n.means()[j], n.stds()[j], weights[n.kept()[j]]));
                }
                encodingList.add(new NumericEncoding(n.name(), modes));
            } else if (codecs[c] instanceof CategoricalCodec k) {
                spanList.add(new Span(at, k.width(), Activation.SOFTMAX));
                encodingList.add(new CategoricalEncoding(k.name(), Arrays.asList(k.categories())));
            }
            at += codecs[c].width();
        }
        this.width = at;
        this.spans = List.copyOf(spanList);
        this.encodings = List.copyOf(encodingList);
    }

    /**
     * Learns every column: a mixture of at most {@link #MAX_MODES} modes (fewer when the table has fewer
     * rows) per numeric column, the sorted categories per categorical one.
     *
     * @param seed seeds the k-means starts of the mixtures
     * @throws IllegalArgumentException if the table has no columns or no rows, a numeric value is not
     *     finite, or a category is null
     */
    public static DataTransformer fit(ColumnTable table, long seed) {
        Objects.requireNonNull(table, "table");
        if (table.columns().isEmpty()) {
            throw new IllegalArgumentException("table has no columns");
        }
        int rows = table.rows();
        if (rows == 0) {
            throw new IllegalArgumentException("table has no rows");
        }
        List<Column> columns = table.columns();
        long[] seeds = streamSeeds(seed, columns.size());
        Codec[] codecs = new Codec[columns.size()];
        // Input is checked before the parallel part, so errors reach the caller as thrown.
        for (int c = 0; c < codecs.length; c++) {
            if (columns.get(c) instanceof Column.Numeric n) {
                checkFinite(n.name(), n.values());
            } else {
                codecs[c] = fitCategorical((Column.Categorical) columns.get(c));
            }
        }
        IntStream.range(0, codecs.length)
                .parallel()
                .filter(c -> codecs[c] == null)
                .forEach(c -> codecs[c] = fitNumeric((Column.Numeric) columns.get(c), seeds[c]));
        return new DataTransformer(codecs);
    }

    private static NumericCodec fitNumeric(Column.Numeric column, long seed) {
        BayesianGaussianMixture mixture = BayesianGaussianMixture.fit(column.values(), MAX_MODES, seed);
        double[] weights = mixture.weights();
        int[] kept = IntStream.range(0, weights.length)
                .filter(j -> weights[j] > WEIGHT_THRESHOLD)
                .toArray();
        return NumericCodec.of(column.name(), mixture, kept);
    }

    private static CategoricalCodec fitCategorical(Column.Categorical k) {
        TreeSet<String> categories = new TreeSet<>();
        for (int i = 0; i < k.values().length; i++) {
            String v = k.values()[i];
            if (v == null) {
                throw new IllegalArgumentException("column " + k.name() + ": null category at row " + i);
            }
            categories.add(v);
        }
        return CategoricalCodec.of(k.name(), List.copyOf(categories));
    }

    /**
     * Encodes a table with the fitted columns (same names, kinds and order) into a row-major matrix of
     * {@code rows x outputWidth()}.
     *
     * @param seed seeds the draw of each numeric value's mode
     * @throws IllegalArgumentException if the columns differ from the fitted ones, a numeric value is not
     *     finite, or a category was not seen in fitting
     */
    public float[] transform(ColumnTable table, long seed) {
        Objects.requireNonNull(table, "table");
        List<Column> columns = table.columns();
        checkLayout(columns);
        int rows = table.rows();
        if ((long) rows * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " rows x " + width + " do not fit in one array");
        }
        float[] out = new float[rows * width];
        long[] seeds = streamSeeds(seed, codecs.length);
        // Input is checked (and categories encoded) before the parallel part, so errors reach the caller as thrown.
        for (int c = 0; c < codecs.length; c++) {
            if (codecs[c] instanceof NumericCodec n) {
                checkFinite(n.name(), ((Column.Numeric) columns.get(c)).values());
            } else {
                encodeCategorical(
                        (CategoricalCodec) codecs[c], ((Column.Categorical) columns.get(c)).values(), out, starts[c]);
            }
        }
        IntStream.range(0, codecs.length)
                .parallel()
                .filter(c -> codecs[c] instanceof NumericCodec)
                .forEach(c -> encodeNumeric(
                        (NumericCodec) codecs[c],
                        ((Column.Numeric) columns.get(c)).values(),
                        out,
                        starts[c],
                        seeds[c]));
        return out;
    }

    private void encodeNumeric(NumericCodec codec, double[] x, float[] out, int start, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        BayesianGaussianMixture mixture = codec.mixture();
        int[] kept = codec.kept();
        int modes = kept.length;
        double[] posterior = new double[mixture.components()];
        double[] cumulative = new double[modes];
        for (int i = 0; i < x.length; i++) {
            mixture.posterior(x[i], posterior, 0);
            double total = 0;
            for (int j = 0; j < modes; j++) {
                total += posterior[kept[j]] + MODE_SMOOTHING;
                cumulative[j] = total;
            }
            double u = rng.nextDouble() * total;
            int mode = modes - 1;
            for (int j = 0; j < modes - 1; j++) {
                if (u < cumulative[j]) {
                    mode = j;
                    break;
                }
            }
            double alpha = (x[i] - codec.means()[mode]) / (STD_MULTIPLIER * codec.stds()[mode]);
            alpha = Math.max(-ALPHA_CLIP, Math.min(ALPHA_CLIP, alpha));
            int row = i * width + start;
            out[row] = (float) alpha;
            out[row + 1 + mode] = 1f;
        }
    }

    private void encodeCategorical(CategoricalCodec codec, String[] values, float[] out, int start) {
        for (int i = 0; i < values.length; i++) {
            Integer j = values[i] == null ? null : codec.index().get(values[i]);
            if (j == null) {
                throw new IllegalArgumentException("column " + codec.name() + ": category "
                        + (values[i] == null ? "null" : "'" + values[i] + "'") + " at row " + i
                        + " was not seen in fitting");
            }
            out[i * width + start + j] = 1f;
        }
    }

    /**
     * Decodes a row-major matrix of {@code rows x outputWidth()} into a table with the fitted columns.
     * A numeric value comes from its mode span's largest entry and its normalised value, clipped to
     * -1..1; a category from its span's largest entry (first on ties).
     *
     * @param sigmas when not null, one standard deviation per output dimension: each numeric column's
     *     normalised value is drawn from a normal around the decoder's output with the sigma at its
     *     position, as CTGAN samples TVAE's output; null takes the output as is
     * @param seed seeds those draws
     * @throws IllegalArgumentException if the sizes do not fit or a sigma is negative or not finite
     */
    public ColumnTable inverse(float[] data, int rows, double[] sigmas, long seed) {
        return inverse(data, rows, sigmas, seed, Map.of());
    }

    /**
     * As {@link #inverse(float[], int, double[], long)}, except that a categorical column with an
     * entry in {@code frequencies} (its categories' shares in the training data, in the order of
     * {@link CategoricalEncoding#categories()}) is drawn, not taken by argmax: each row's category is
     * drawn from the softmax of its outputs, reweighted per category (iterative proportional fitting)
     * so that the expected shares match the training shares. Argmax, as CTGAN decodes, gives a rare
     * category (a 3 % failure flag, a 10 % product type) to far fewer rows than it had; the draw keeps
     * which rows are likelier to get it and restores how many do.
     */
    public ColumnTable inverse(float[] data, int rows, double[] sigmas, long seed, Map<String, double[]> frequencies) {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || (long) rows * width != data.length) {
            throw new IllegalArgumentException(
                    "data has " + data.length + " values, expected " + rows + " rows x " + width);
        }
        if (sigmas != null) {
            if (sigmas.length != width) {
                throw new IllegalArgumentException(sigmas.length + " sigmas for " + width + " output dimensions");
            }
            for (double s : sigmas) {
                if (!(s >= 0) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException("sigma " + s + " is not a finite non-negative number");
                }
            }
        }
        long[] seeds = streamSeeds(seed, codecs.length);
        Column[] columns = new Column[codecs.length];
        IntStream.range(0, codecs.length).parallel().forEach(c -> {
            if (codecs[c] instanceof NumericCodec n) {
                double sigma = sigmas == null ? 0 : sigmas[starts[c]];
                columns[c] = new Column.Numeric(n.name(), decodeNumeric(n, data, rows, starts[c], sigma, seeds[c]));
            } else {
                CategoricalCodec k = (CategoricalCodec) codecs[c];
                double[] target = frequencies.get(k.name());
                String[] values = target != null && target.length == k.width()
                        ? drawCalibrated(k, data, rows, starts[c], target, seeds[c])
                        : new String[rows];
                if (target == null || target.length != k.width()) {
                    for (int i = 0; i < rows; i++) {
                        values[i] = k.categories()[argmax(data, i * width + starts[c], k.width())];
                    }
                }
                columns[c] = new Column.Categorical(k.name(), values);
            }
        });
        return new ColumnTable(Arrays.asList(columns));
    }

    /** See {@link #inverse(float[], int, double[], long, Map)}; {@code data} holds tanh of the decoder's logits. */
    private String[] drawCalibrated(CategoricalCodec k, float[] data, int rows, int start, double[] target, long seed) {
        int m = k.width();
        double[][] p = new double[rows][m];
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            double[] logit = new double[m];
            for (int j = 0; j < m; j++) {
                double t = Math.max(-0.999999, Math.min(0.999999, data[i * width + start + j]));
                logit[j] = 0.5 * Math.log((1 + t) / (1 - t));
                max = Math.max(max, logit[j]);
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                p[i][j] = Math.exp(logit[j] - max);
                sum += p[i][j];
            }
            for (int j = 0; j < m; j++) {
                p[i][j] /= sum;
            }
        }
        double[] w = new double[m];
        Arrays.fill(w, 1);
        for (int iter = 0; iter < 100; iter++) {
            double[] expected = new double[m];
            for (int i = 0; i < rows; i++) {
                double z = 0;
                for (int j = 0; j < m; j++) {
                    z += p[i][j] * w[j];
                }
                for (int j = 0; j < m; j++) {
                    expected[j] += p[i][j] * w[j] / z;
                }
            }
            double worst = 0;
            for (int j = 0; j < m; j++) {
                double want = target[j] * rows;
                if (expected[j] > 0 && want > 0) {
                    w[j] *= want / expected[j];
                    worst = Math.max(worst, Math.abs(want - expected[j]) / rows);
                } else if (want == 0) {
                    w[j] = 0;
                }
            }
            if (worst < 1e-4) {
                break;
            }
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            double z = 0;
            for (int j = 0; j < m; j++) {
                z += p[i][j] * w[j];
            }
            double u = rng.nextDouble() * z;
            int pick = m - 1;
            for (int j = 0; j < m; j++) {
                u -= p[i][j] * w[j];
                if (u < 0) {
                    pick = j;
                    break;
                }
            }
            values[i] = k.categories()[pick];
        }
        return values;
    }

    private double[] decodeNumeric(NumericCodec codec, float[] data, int rows, int start, double sigma, long seed) {
        ContinuousSampler gauss =
                sigma > 0 ? ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(seed)) : null;
        double[] values = new double[rows];
        int modes = codec.kept().length;
        for (int i = 0; i < rows; i++) {
            int row = i * width + start;
            double alpha = data[row];
            if (gauss != null) {
                alpha += sigma * gauss.sample();
            }
            alpha = Math.max(-1, Math.min(1, alpha));
            int mode = argmax(data, row + 1, modes);
            values[i] = alpha * STD_MULTIPLIER * codec.stds()[mode] + codec.means()[mode];
        }
        return values;
    }

    /** Position of the largest of {@code length} values from {@code from}; the first on ties, as NumPy's argmax. */
    private static int argmax(float[] data, int from, int length) {
        int best = 0;
        float max = data[from];
        for (int j = 1; j < length; j++) {
            if (data[from + j] > max) {
                max = data[from + j];
                best = j;
            }
        }
        return best;
    }

    /** Width of one encoded row. */
    public int outputWidth() {
        return width;
    }

    /** Output layout: per numeric column a TANH span of 1 and a SOFTMAX span of its modes; per categorical one SOFTMAX span. */
    public List<Span> spans() {
        return spans;
    }

    /** The fitted columns in table order. */
    public List<Encoding> encodings() {
        return encodings;
    }

    /**
     * The fitted state: per column its name and kind, and for a numeric column the whole mixture (which
     * the posterior of {@link #transform} needs, not just the kept modes) with the indices of the kept
     * modes; for a categorical column its categories.
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode columns = root.putArray("columns");
        for (Codec codec : codecs) {
            ObjectNode c = columns.addObject();
            c.put("name", codec.name());
            if (codec instanceof NumericCodec n) {
                c.put("kind", "numeric");
                ArrayNode kept = c.putArray("modes");
                for (int j : n.kept()) {
                    kept.add(j);
                }
                c.set("mixture", n.mixture().toJson());
            } else {
                c.put("kind", "categorical");
                ArrayNode categories = c.putArray("categories");
                for (String s : ((CategoricalCodec) codec).categories()) {
                    categories.add(s);
                }
            }
        }
        return root;
    }

    /**
     * Rebuilds a transformer saved by {@link #toJson}; it encodes and decodes exactly as the original.
     *
     * @throws IllegalArgumentException if the document is not a saved transformer or is inconsistent
     */
    public static DataTransformer fromJson(JsonNode json) {
        if (json == null
                || !json.isObject()
                || !FORMAT.equals(json.path("format").asText())) {
            throw new IllegalArgumentException("not a saved " + FORMAT);
        }
        if (json.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("unsupported " + FORMAT + " version " + json.path("version"));
        }
        JsonNode columns = json.get("columns");
        if (columns == null || !columns.isArray() || columns.isEmpty()) {
            throw new IllegalArgumentException("saved transformer has no columns");
        }
        Codec[] codecs = new Codec[columns.size()];
        Set<String> names = new HashSet<>();
        for (int c = 0; c < codecs.length; c++) {
            JsonNode column = columns.get(c);
            String name = column.path("name").isTextual() ? column.get("name").asText() : null;
            if (name == null || !names.add(name)) {
                throw new IllegalArgumentException("column " + c + ": missing or duplicate name");
            }
            String kind = column.path("kind").asText();
            switch (kind) {
                case "numeric" -> {
                    BayesianGaussianMixture mixture;
                    try {
                        mixture = BayesianGaussianMixture.fromJson(column.get("mixture"));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("column " + name + ": " + e.getMessage(), e);
                    }
                    JsonNode modes = column.get("modes");
                    if (modes == null || !modes.isArray() || modes.isEmpty()) {
                        throw new IllegalArgumentException("column " + name + ": no modes");
                    }
                    int[] kept = new int[modes.size()];
                    for (int j = 0; j < kept.length; j++) {
                        JsonNode m = modes.get(j);
                        if (!m.isInt()
                                || m.intValue() < 0
                                || m.intValue() >= mixture.components()
                                || (j > 0 && m.intValue() <= kept[j - 1])) {
                            throw new IllegalArgumentException("column " + name + ": bad mode index " + m);
                        }
                        kept[j] = m.intValue();
                    }
                    codecs[c] = NumericCodec.of(name, mixture, kept);
                }
                case "categorical" -> {
                    JsonNode categories = column.get("categories");
                    if (categories == null || !categories.isArray() || categories.isEmpty()) {
                        throw new IllegalArgumentException("column " + name + ": no categories");
                    }
                    List<String> list = new ArrayList<>();
                    for (JsonNode s : categories) {
                        if (!s.isTextual()) {
                            throw new IllegalArgumentException("column " + name + ": category " + s + " is not text");
                        }
                        list.add(s.asText());
                    }
                    if (new HashSet<>(list).size() != list.size()) {
                        throw new IllegalArgumentException("column " + name + ": duplicate categories");
                    }
                    codecs[c] = CategoricalCodec.of(name, list);
                }
                default -> throw new IllegalArgumentException("column " + name + ": unknown kind '" + kind + "'");
            }
        }
        return new DataTransformer(codecs);
    }

    private void checkLayout(List<Column> columns) {
        if (columns.size() != codecs.length) {
            throw new IllegalArgumentException(
                    "table has " + columns.size() + " columns, the transformer was fitted on " + codecs.length);
        }
        for (int c = 0; c < codecs.length; c++) {
            Column column = columns.get(c);
            if (!column.name().equals(codecs[c].name())) {
                throw new IllegalArgumentException(
                        "column " + c + " is " + column.name() + ", expected " + codecs[c].name());
            }
            boolean numeric = codecs[c] instanceof NumericCodec;
            if (numeric != (column instanceof Column.Numeric)) {
                throw new IllegalArgumentException(
                        "column " + column.name() + " was fitted as " + (numeric ? "numeric" : "categorical"));
            }
        }
    }

    private static void checkFinite(String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(
                        "column " + name + ": value " + x[i] + " at row " + i + " is not finite");
            }
        }
    }

    /** One seed per column, drawn in column order from the caller's seed, so threads cannot reorder them. */
    private static long[] streamSeeds(long seed, int count) {
        UniformRandomProvider master = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = master.nextLong();
        }
        return seeds;
    }
}
