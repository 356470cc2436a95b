package dev.fleetsynth.engine.tvae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.quality.QualityReport;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.engine.tvae.transform.DataTransformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A trained TVAE: the data transformer, the network's parameters, the training settings and loss
 * curve, and the seed's bounds. Saved as {@code model.params} (parameters) plus {@code model.json}
 * (everything else); loading gives a model that samples identically for the same seed.
 */
public final class TvaeModel {
    public static final String PARAMS_FILE = "model.params";
    public static final String JSON_FILE = "model.json";
    static final int FORMAT_VERSION = 1;
    private static final int SAMPLE_CHUNK = 10_000;

    private final DataTransformer transformer;
    private final TvaeConfig config;
    private final TvaeNet net;
    private final float[] parameters;
    private final Map<String, double[]> bounds;
    private final ModelInfo info;
    private final TrainingSummary training;
    private final SourceSchema source;
    /** Per categorical column, its categories' shares in the training rows (sorted categories), which sampling keeps. */
    private final Map<String, double[]> frequencies;

    /** How the training went, kept with the model. */
    public record TrainingSummary(
            double[] lossCurve, TrainingResult.Outcome outcome, double seconds, TrainingResult.StepTimes stepTimes) {
        public double finalLoss() {
            return lossCurve.length == 0 ? Double.NaN : lossCurve[lossCurve.length - 1];
        }
    }

    private TvaeModel(
            DataTransformer transformer,
            TvaeConfig config,
            float[] parameters,
            Map<String, double[]> bounds,
            ModelInfo info,
            TrainingSummary training,
            SourceSchema source,
            Map<String, double[]> frequencies) {
        this.source = source;
        this.frequencies = frequencies;
        this.transformer = transformer;
        this.config = config;
        this.net = new TvaeNet(
                transformer.outputWidth(), config.compressDim(), config.embeddingDim(), config.decompressDim());
        if (parameters.length != net.size()) {
            throw new IllegalArgumentException(parameters.length + " parameters for a network of " + net.size());
        }
        this.parameters = parameters;
        this.bounds = bounds;
        this.info = info;
        this.training = training;
    }

    /** Trains on a machine's seed data: rul and every sensor. */
    public static TvaeModel train(
            SensorTable seed, TvaeConfig config, TrainingListener listener, BooleanSupplier cancelled) {
        ModelInfo info = new ModelInfo(
                seed.machineId(),
                (double) seed.rows() / Math.max(1, seed.cycles()),
                Instant.ofEpochSecond(0, seed.timestampMicros()[0] * 1000),
                Instant.now());
        return train(ColumnTable.learnable(seed), config, info, listener, cancelled);
    }

    /**
     * Trains on any source: its RUL (where it has one) and learnt columns, flags and categories
     * one-hot. The source's schema is kept with the model, so generated rows come back in its shape.
     */
    public static TvaeModel train(
            SourceTable source, TvaeConfig config, TrainingListener listener, BooleanSupplier cancelled) {
        return train(source, config, listener, cancelled, null);
    }

    /**
     * As {@link #train(SourceTable, TvaeConfig, TrainingListener, BooleanSupplier)}; where the
     * config has a patience and {@code reference} rows are given, training stops when the overall
     * quality of a draw against them has not improved for that many epochs, and keeps its best
     * epoch (see {@link #qualityJudge}).
     */
    public static TvaeModel train(
            SourceTable source,
            TvaeConfig config,
            TrainingListener listener,
            BooleanSupplier cancelled,
            SourceTable reference) {
        double[] order = source.schema().order() == null
                ? null
                : source.numeric(source.schema().order().column());
        Instant start =
                order != null && source.schema().order().kind() == SourceSchema.OrderKind.TIMESTAMP && source.rows() > 0
                        ? Instant.ofEpochSecond(0, (long) order[0] * 1000)
                        : Instant.EPOCH;
        ModelInfo info = new ModelInfo(
                source.schema().machineId(),
                (double) source.rows() / Math.max(1, source.units()),
                start,
                Instant.now());
        ColumnTable judgedAgainst =
                reference == null || config.earlyStopPatience() == 0 ? null : judgeRows(reference, config.seed());
        TvaeModel m = train(source.learnable(), config, info, listener, cancelled, judgedAgainst);
        return new TvaeModel(
                m.transformer, m.config, m.parameters, m.bounds, m.info, m.training, source.schema(), m.frequencies);
    }

    /**
     * Continues training {@code base} on {@code source} (its columns, transformed as the base model
     * transforms them) at the config's learning rate, from the base model's parameters; where
     * {@code holdout} has rows, training stops when their loss has not improved for the config's
     * patience (default 10 epochs when unset) and the best epoch's parameters are kept.
     *
     * @throws IllegalArgumentException naming the columns the source lacks
     */
    public static TvaeModel refine(
            TvaeModel base,
            SourceTable source,
            SourceTable holdout,
            TvaeConfig config,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        ColumnTable table = project(base, source.learnable());
        TvaeConfig c = config.earlyStopPatience() > 0 ? config : config.withEarlyStop(10, 1e-4);
        float[] data = base.transformer.transform(table, c.seed());
        TvaeTrainer.Start start;
        if (holdout != null && holdout.rows() > 0) {
            ColumnTable held = project(base, holdout.learnable());
            start = new TvaeTrainer.Start(base.parameters, base.transformer.transform(held, c.seed() + 1), held.rows());
        } else {
            start = new TvaeTrainer.Start(base.parameters, null, 0);
        }
        TrainingResult result =
                TvaeTrainer.train(data, table.rows(), OutputLayout.of(base.transformer), c, listener, cancelled, start);
        java.util.Set<String> learnt = new java.util.HashSet<>(table.names());
        SourceSchema schema = source.schema().keepLearnt(learnt);
        return new TvaeModel(
                base.transformer,
                c,
                result.parameters(),
                base.bounds,
                base.info,
                new TrainingSummary(result.lossCurve(), result.outcome(), result.seconds(), result.stepTimes()),
                schema,
                base.frequencies);
    }

    /** The columns of {@code table} that {@code model} learnt, in its order; the missing ones are an error. */
    private static ColumnTable project(TvaeModel model, ColumnTable table) {
        List<Column> columns = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (DataTransformer.Encoding e : model.transformer.encodings()) {
            table.column(e.name()).ifPresentOrElse(columns::add, () -> missing.add(e.name()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "the model to refine learnt " + missing + ", which this data lacks; map the data's columns "
                            + "onto the machine's profile so that they carry the same names");
        }
        return new ColumnTable(columns);
    }

    /**
     * The shape of the data the model learnt: the source's schema, or for a model of a simulator
     * seed (which predates sources) the seed layout.
     */
    public SourceSchema source() {
        if (source != null) {
            return source;
        }
        List<String> sensors =
                columnNames().stream().filter(n -> !n.equals("rul")).toList();
        return SourceSchema.simulated(info.machineId(), sensors);
    }

    public static TvaeModel train(
            ColumnTable table,
            TvaeConfig config,
            ModelInfo info,
            TrainingListener listener,
            BooleanSupplier cancelled) {
        return train(table, config, info, listener, cancelled, null);
    }

    private static TvaeModel train(
            ColumnTable table,
            TvaeConfig config,
            ModelInfo info,
            TrainingListener listener,
            BooleanSupplier cancelled,
            ColumnTable judgedAgainst) {
        if (table.rows() < 2) {
            throw new IllegalArgumentException("need at least 2 rows to train, got " + table.rows());
        }
        DataTransformer transformer = DataTransformer.fit(table, config.seed());
        float[] data = transformer.transform(table, config.seed());
        Map<String, double[]> bounds = bounds(table);
        Map<String, double[]> frequencies = frequencies(table);
        TvaeTrainer.Judge judge = judgedAgainst == null
                ? null
                : qualityJudge(transformer, config, bounds, info, frequencies, judgedAgainst);
        TrainingResult result = TvaeTrainer.train(
                data, table.rows(), OutputLayout.of(transformer), config, listener, cancelled, null, judge);
        return new TvaeModel(
                transformer,
                config,
                result.parameters(),
                bounds,
                info,
                new TrainingSummary(result.lossCurve(), result.outcome(), result.seconds(), result.stepTimes()),
                null,
                frequencies);
    }

    /** Epochs between two quality judgements, and the most reference rows and drawn rows they compare. */
    static final int JUDGE_EVERY = 5;

    static final int JUDGE_ROWS = 3_000;

    /**
     * Judges a training by SDMetrics' overall score of a draw against the reference rows, every
     * {@value #JUDGE_EVERY} epochs. The draw is the same noise each time (one seed), so two epochs'
     * scores differ by what the model learnt, not by sampling luck; 3,000 rows keep a column's KS
     * within about 0.02 of its value at any size. The judgements cost little: on the motor seed a
     * judged fit took 0.098 s an epoch (5.9 s for about 60) against 0.101 s for the fixed 300
     * ({@code bench/run untilquality}).
     */
    private static TvaeTrainer.Judge qualityJudge(
            DataTransformer transformer,
            TvaeConfig config,
            Map<String, double[]> bounds,
            ModelInfo info,
            Map<String, double[]> frequencies,
            ColumnTable reference) {
        int drawn = Math.max(500, reference.rows());
        return new TvaeTrainer.Judge(
                JUDGE_EVERY,
                parameters -> 1
                        - QualityReport.overallScore(
                                reference,
                                new TvaeModel(transformer, config, parameters, bounds, info, null, null, frequencies)
                                        .sample(drawn, config.seed() + 1)));
    }

    /** The reference rows' learnt columns, at most {@value #JUDGE_ROWS} of them drawn at random. */
    private static ColumnTable judgeRows(SourceTable reference, long seed) {
        if (reference.rows() <= JUDGE_ROWS) {
            return reference.learnable();
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] rows = org.apache.commons.rng.sampling.PermutationSampler.natural(reference.rows());
        org.apache.commons.rng.sampling.PermutationSampler.shuffle(rng, rows);
        int[] kept = java.util.Arrays.copyOf(rows, JUDGE_ROWS);
        java.util.Arrays.sort(kept);
        return reference.slice(kept).learnable();
    }

    private static Map<String, double[]> frequencies(ColumnTable table) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            if (c instanceof Column.Categorical k) {
                java.util.TreeMap<String, Integer> counts = new java.util.TreeMap<>();
                int n = 0;
                for (String v : k.values()) {
                    if (v != null) {
                        counts.merge(v, 1, Integer::sum);
                        n++;
                    }
                }
                double[] f = new double[counts.size()];
                int j = 0;
                for (int count : counts.values()) {
                    f[j++] = (double) count / Math.max(1, n);
                }
                out.put(k.name(), f);
            }
        }
        return out;
    }

    private static Map<String, double[]> bounds(ColumnTable table) {
        Map<String, double[]> bounds = new LinkedHashMap<>();
        for (Column c : table.columns()) {
            if (c instanceof Column.Numeric n) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : n.values()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                bounds.put(n.name(), new double[] {min, max});
            }
        }
        return bounds;
    }

    /**
     * Draws rows: latent noise from a seeded generator (not torch's, so sampling never depends on
     * what else the process did), decoded, passed through tanh, inverse-transformed with the learned
     * sigmas, then each numeric column clipped to the seed's range.
     */
    public ColumnTable sample(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        int dim = net.dataDim();
        int latent = net.embedding();
        float[] out = new float[rows * dim];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ContinuousSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        Engine engine = Torch.engine();
        double[] sigmas = new double[dim];
        try (Autograd off = Autograd.off();
                NDManager manager = engine.newBaseManager()) {
            NDArray flat = manager.create(parameters);
            NDList w = net.views(flat, manager);
            float[] sigma = w.get(12).toFloatArray();
            for (int i = 0; i < dim; i++) {
                sigmas[i] = sigma[i];
            }
            for (int from = 0; from < rows; from += SAMPLE_CHUNK) {
                int n = Math.min(SAMPLE_CHUNK, rows - from);
                float[] noise = new float[n * latent];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) gauss.sample();
                }
                try (NDManager chunk = manager.newSubManager()) {
                    NDArray z = chunk.create(noise, new Shape(n, latent));
                    float[] decoded = net.decode(w, z).tanh().toFloatArray();
                    System.arraycopy(decoded, 0, out, from * dim, decoded.length);
                }
            }
        }
        ColumnTable table = transformer.inverse(out, rows, sigmas, rng.nextLong(), frequencies);
        List<Column> clipped = new ArrayList<>();
        for (Column c : table.columns()) {
            double[] range = bounds.get(c.name());
            if (c instanceof Column.Numeric n && range != null) {
                double[] v = n.values();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(range[0], Math.min(range[1], v[i]));
                }
                clipped.add(new Column.Numeric(n.name(), v));
            } else {
                clipped.add(c);
            }
        }
        return new ColumnTable(clipped);
    }

    public TvaeConfig config() {
        return config;
    }

    public ModelInfo info() {
        return info;
    }

    public TrainingSummary training() {
        return training;
    }

    public List<String> columnNames() {
        return new ArrayList<>(bounds.keySet());
    }

    /** Writes model.params, then model.json: a directory with both holds a complete model. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ParameterFile.write(dir.resolve(PARAMS_FILE), parameters);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(
                dir.resolve(JSON_FILE),
                (mapper.writeValueAsString(toJson(mapper)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode toJson(ObjectMapper mapper) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("format", "fleetsynth-tvae");
        root.put("format_version", FORMAT_VERSION);
        ObjectNode versions = root.putObject("versions");
        versions.put("fleetsynth", dev.fleetsynth.engine.FleetsynthVersion.current());
        versions.put("djl", Engine.getDjlVersion());
        Engine engine = Torch.engine();
        versions.put("engine", engine.getEngineName() + " " + engine.getVersion());
        versions.put("java", System.getProperty("java.version"));
        root.put("machine_id", info.machineId());
        root.put("rows_per_cycle", info.rowsPerCycle());
        root.put("seed_start", info.seedStart().toString());
        root.put("created_at", info.createdAt().toString());
        ObjectNode c = root.putObject("config");
        c.put("epochs", config.epochs());
        c.put("batch_size", config.batchSize());
        c.put("embedding_dim", config.embeddingDim());
        c.put("compress_dim", config.compressDim());
        c.put("decompress_dim", config.decompressDim());
        c.put("l2scale", config.l2scale());
        c.put("loss_factor", config.lossFactor());
        c.put("learning_rate", config.learningRate());
        c.put("seed", config.seed());
        c.put("early_stop_patience", config.earlyStopPatience());
        c.put("early_stop_min_delta", config.earlyStopMinDelta());
        c.put("threads", config.threads());
        root.put("parameters", parameters.length);
        ObjectNode b = root.putObject("bounds");
        bounds.forEach((name, range) -> b.putArray(name).add(range[0]).add(range[1]));
        root.set("transformer", transformer.toJson());
        ObjectNode t = root.putObject("training");
        t.put("outcome", training.outcome().name().toLowerCase(java.util.Locale.ROOT));
        t.put("epochs_run", training.lossCurve().length);
        t.put("final_loss", training.finalLoss());
        t.put("seconds", training.seconds());
        ObjectNode steps = t.putObject("step_ms");
        steps.put("forward", training.stepTimes().forwardMs());
        steps.put("loss", training.stepTimes().lossMs());
        steps.put("backward", training.stepTimes().backwardMs());
        steps.put("optimiser", training.stepTimes().optimiserMs());
        steps.put("steps", training.stepTimes().steps());
        ArrayNode curve = t.putArray("loss_curve");
        for (double v : training.lossCurve()) {
            curve.add(v);
        }
        if (source != null) {
            root.set("source_schema", mapper.readTree(source.toJson()));
        }
        if (!frequencies.isEmpty()) {
            ObjectNode f = root.putObject("category_frequencies");
            frequencies.forEach((name, shares) -> {
                ArrayNode a = f.putArray(name);
                for (double v : shares) {
                    a.add(v);
                }
            });
        }
        return root;
    }

    public static TvaeModel load(Path dir) throws IOException {
        Path json = dir.resolve(JSON_FILE);
        if (!Files.exists(json) || !Files.exists(dir.resolve(PARAMS_FILE))) {
            throw new IOException(dir + " holds no complete model (needs " + JSON_FILE + " and " + PARAMS_FILE + ")");
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        if (!"fleetsynth-tvae".equals(root.path("format").asText())
                || root.path("format_version").asInt() != FORMAT_VERSION) {
            throw new IOException(json + " is not a Fleetsynth TVAE model of format version " + FORMAT_VERSION);
        }
        JsonNode c = root.get("config");
        TvaeConfig config = new TvaeConfig(
                c.get("epochs").asInt(),
                c.get("batch_size").asInt(),
                c.get("embedding_dim").asInt(),
                c.get("compress_dim").asInt(),
                c.get("decompress_dim").asInt(),
                c.get("l2scale").asDouble(),
                c.get("loss_factor").asDouble(),
                c.get("learning_rate").asDouble(),
                c.get("seed").asLong(),
                c.get("early_stop_patience").asInt(),
                c.get("early_stop_min_delta").asDouble(),
                c.path("threads").asInt(1));
        DataTransformer transformer = DataTransformer.fromJson(root.get("transformer"));
        TvaeNet net = new TvaeNet(
                transformer.outputWidth(), config.compressDim(), config.embeddingDim(), config.decompressDim());
        float[] parameters = ParameterFile.read(dir.resolve(PARAMS_FILE), net.size());
        Map<String, double[]> bounds = new LinkedHashMap<>();
        root.get("bounds")
                .properties()
                .forEach(e -> bounds.put(e.getKey(), new double[] {
                    e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()
                }));
        ModelInfo info = new ModelInfo(
                root.get("machine_id").asText(),
                root.get("rows_per_cycle").asDouble(),
                Instant.parse(root.get("seed_start").asText()),
                Instant.parse(root.get("created_at").asText()));
        JsonNode t = root.get("training");
        double[] curve = new double[t.get("loss_curve").size()];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = t.get("loss_curve").get(i).asDouble();
        }
        JsonNode s = t.get("step_ms");
        TrainingSummary training = new TrainingSummary(
                curve,
                TrainingResult.Outcome.valueOf(t.get("outcome").asText().toUpperCase(java.util.Locale.ROOT)),
                t.get("seconds").asDouble(),
                new TrainingResult.StepTimes(
                        s.get("forward").asDouble(),
                        s.get("loss").asDouble(),
                        s.get("backward").asDouble(),
                        s.get("optimiser").asDouble(),
                        s.get("steps").asLong()));
        SourceSchema source = root.has("source_schema")
                ? SourceSchema.fromJson(root.get("source_schema").toString())
                : null;
        Map<String, double[]> frequencies = new LinkedHashMap<>();
        root.path("category_frequencies").properties().forEach(e -> {
            double[] f = new double[e.getValue().size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = e.getValue().get(i).asDouble();
            }
            frequencies.put(e.getKey(), f);
        });
        return new TvaeModel(transformer, config, parameters, bounds, info, training, source, frequencies);
    }
}
