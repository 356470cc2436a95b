package dev.fleetsynth.engine.synth.trajectory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.io.AtomicFiles;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.ModelSummary;
import dev.fleetsynth.engine.synth.SampleRequest;
import dev.fleetsynth.engine.synth.Synthesizer;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Generates whole run-to-failure histories. A unit draws a failure mode, then a lifetime from that
 * mode's lifetimes (a smoothed bootstrap), then walks its life: each continuous reading is the
 * mode's trend at the unit's clock (time to failure or fraction of life, whichever fits the data
 * better), plus the unit's own offset (fixed for its life, correlated across readings as the
 * training units' offsets were) plus a residual that moves as an AR(1) walk with the coefficient and
 * correlated innovations fitted to the data; flags and categories are drawn from their frequencies
 * in the mode at that time to failure. {@link TrajectoryFit} learns all of it in closed form.
 */
public final class TrajectoryModel implements Synthesizer {
    public static final String FORMAT = "fleetsynth-trajectory";
    static final int FORMAT_VERSION = 1;
    /**
     * The jitter of a drawn unit's latent, as a share of the units' spread (the smoothed bootstrap's
     * bandwidth). Measured in one session (docs/models.md): 0.1 against 0.25 took the catalog's worst
     * row utility from 1.29 to 1.21 and FD003's train-on-synthetic ratio from 1.04x to 1.03x; 0.5 and
     * 1.0 were worse on every measure, 0 no better than 0.1.
     */
    static final double LATENT_JITTER = 0.1;
    /** Bins of time to failure for categories; bin 0 is the failure row itself. */
    static final int TTF_BINS = 40;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final TrajectoryState s;
    private final Instant createdAt;

    TrajectoryModel(TrajectoryState state, Instant createdAt) {
        this.s = state;
        this.createdAt = createdAt;
    }

    /** Fits a model to run-to-failure data (see {@link TrajectoryFit}). */
    public static TrajectoryModel fit(SourceTable train, long seed) {
        return new TrajectoryModel(TrajectoryFit.fit(train, seed), Instant.now());
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public SourceSchema schema() {
        return s.schema();
    }

    TrajectoryState state() {
        return s;
    }

    @Override
    public ModelSummary summary() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("clock", s.clock());
        details.put("lives", s.fit().lives());
        details.put("complete_lives", s.fit().completeLives());
        List<Map<String, Object>> modes = new ArrayList<>();
        for (TrajectoryState.Mode m : s.modes()) {
            modes.add(Map.of("name", m.name(), "weight", m.weight(), "lives", m.lifetimes().length));
        }
        details.put("modes", modes);
        details.put("clock_choice", s.fit().clockChoice());
        details.put("regimes", s.regimes() == null ? 0 : s.regimes().start().length);
        return new ModelSummary(
                FORMAT,
                s.schema().machineId(),
                s.schema().origin().json(),
                0,
                List.of(),
                s.fit().seconds(),
                details);
    }

    /**
     * One unit of a draw: its mode, its life in rows, and which of its rows are kept.
     *
     * @param kept     rows it gives: its last ones (only the last N before failure asked for), or its first ones when censored
     * @param censored still running when the rows run out: its first {@code kept} rows, without its failure
     * @param source   the training life (index into its mode's lifetimes and latents) it is drawn as, or -1
     */
    private record Plan(int mode, int life, int kept, boolean censored, int source) {
        Plan resized(int newLife, int newKept) {
            return new Plan(mode, newLife, newKept, censored, source);
        }
    }

    @Override
    public SourceTable sample(SampleRequest request) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(request.seed());
        ContinuousSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Plan> plans = plan(request, rng, gauss);
        int n = request.rows();
        int p = s.continuous().size();
        double[][] cont = new double[p][n];
        List<TrajectoryState.Categorical> cats = s.categorical();
        String[][] labels = new String[cats.size()][n];
        double[] ttfOut = new double[n];
        double[] unitOut = new double[n];
        double[] orderOut = new double[n];
        boolean timestamps = s.schema().order().kind() == SourceSchema.OrderKind.TIMESTAMP;
        double stepOrder = timestamps ? s.orderStep() * 1_000_000 : s.orderStep();
        double clockAt = s.orderStart();
        double[] o = new double[p];
        // the unit's latent: p offsets, then (models saved since gains) p gains on its accumulated wear
        boolean gains = s.offset().length == 2 * p;
        double[] latent = new double[s.offset().length];
        double[] latentZ = new double[s.offset().length];
        double[] first = new double[p];
        double[] e = new double[p];
        double[] z = new double[p];
        double[] trend = new double[p];
        TrajectoryState.RegimeSet regimes = s.regimes();
        double[] logLifeRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (TrajectoryState.Mode m : s.modes()) {
            for (int l : m.lifetimes()) {
                logLifeRange[0] = Math.min(logLifeRange[0], Math.log(l));
                logLifeRange[1] = Math.max(logLifeRange[1], Math.log(l));
            }
        }
        int at = 0;
        for (int u = 0; u < plans.size(); u++) {
            Plan plan = plans.get(u);
            TrajectoryState.Mode mode = s.modes().get(plan.mode());
            int life = plan.life();
            draw(gauss, latentZ);
            mul(s.offset(), latentZ, latent);
            if (mode.latents() != null && mode.latents().length > 0) {
                // a smoothed bootstrap: the training life the lifetime came from, jittered. A Gaussian over a seed's
                // three or four units mixed their traits into units no failure makes (one sensor's steep wear without
                // its partner's)
                double[] base = mode.latents()[
                        plan.source() >= 0 && plan.source() < mode.latents().length
                                ? plan.source()
                                : rng.nextInt(mode.latents().length)];
                for (int j = 0; j < latent.length; j++) {
                    latent[j] = base[j] + LATENT_JITTER * latent[j];
                }
            }
            System.arraycopy(latent, 0, o, 0, p);
            // within the lifetimes the regression saw: a drawn or requested life beyond them would
            // extrapolate a slope fitted on a few lives far past its data
            double logLife = Math.max(logLifeRange[0], Math.min(logLifeRange[1], Math.log(life))) - s.logLifeMean();
            for (int j = 0; j < p; j++) {
                o[j] += s.offsetByLogLife()[j] * logLife;
            }
            draw(gauss, z);
            if (s.startResidual() != null) {
                mul(s.startResidual(), z, e);
            } else {
                mul(s.innovation(), z, e);
                for (int j = 0; j < p; j++) {
                    e[j] /= Math.sqrt(Math.max(1e-6, 1 - s.phi()[j] * s.phi()[j]));
                }
            }
            int firstKept = plan.censored() ? 0 : life - plan.kept();
            int end = plan.censored() ? plan.kept() : life;
            TrajectoryFit.interpolate(mode.knots(), mode.trend(), clock(0, life), first);
            double start = timestamps ? clockAt : s.orderStart();
            int regime = regimes == null ? 0 : pick(regimes.start(), rng.nextDouble());
            for (int t = 0; t < end; t++) {
                if (t > 0 && regimes != null) {
                    regime = pick(regimes.transitions()[regime], rng.nextDouble());
                }
                if (t > 0) {
                    draw(gauss, z);
                    for (int j = 0; j < p; j++) {
                        double innov = 0;
                        double[] row = s.innovation()[j];
                        for (int k = 0; k <= j; k++) {
                            innov += row[k] * z[k];
                        }
                        e[j] = s.phi()[j] * e[j] + innov;
                    }
                }
                if (t < firstKept) {
                    continue;
                }
                double ttf = (life - 1 - t) * s.rulStep();
                TrajectoryFit.interpolate(mode.knots(), mode.trend(), clock(t, life), trend);
                for (int j = 0; j < p; j++) {
                    double within = trend[j] + o[j] + e[j] + (gains ? latent[p + j] * (trend[j] - first[j]) : 0);
                    double zj =
                            regimes == null ? within : regimes.mean()[regime][j] + regimes.std()[regime][j] * within;
                    double x = s.mean()[j] + s.std()[j] * zj;
                    cont[j][at] = Math.max(s.lower()[j], Math.min(s.upper()[j], x));
                }
                int bin = ttfBin(ttf, s.rulStep(), s.maxTtf());
                for (int c = 0; c < cats.size(); c++) {
                    double[] probs = cats.get(c).probabilities()[plan.mode()][bin];
                    labels[c][at] = cats.get(c).labels().get(pick(probs, rng.nextDouble()));
                }
                ttfOut[at] = ttf;
                unitOut[at] = request.firstUnit() + u;
                orderOut[at] = start + t * stepOrder;
                at++;
            }
            if (timestamps) {
                clockAt = start + life * stepOrder;
            }
        }
        return assemble(n, cont, labels, ttfOut, unitOut, orderOut);
    }

    /** Where row {@code t} of a life of {@code life} rows stands on the model's clock: fraction of life used, or time to failure. */
    private double clock(int t, int life) {
        return "fraction".equals(s.clock()) ? (life == 1 ? 1 : (double) t / (life - 1)) : (life - 1 - t) * s.rulStep();
    }

    /** Units until exactly {@code rows} rows: the last unit is cut to fit, or given up and its rows spread over the others. */
    private List<Plan> plan(SampleRequest request, UniformRandomProvider rng, ContinuousSampler gauss) {
        SampleRequest.Conditions c = request.conditions();
        double[] weights = new double[s.modes().size()];
        double total = 0;
        for (int m = 0; m < weights.length; m++) {
            TrajectoryState.Mode mode = s.modes().get(m);
            weights[m] = c.modeWeights().getOrDefault(mode.name(), mode.weight());
            total += weights[m];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the failure-mode weights leave no mode to draw");
        }
        for (int m = 0; m < weights.length; m++) {
            weights[m] /= total;
        }
        int keepSteps =
                c.lastSteps() == null ? Integer.MAX_VALUE : (int) Math.floor(c.lastSteps() / s.rulStep() + 1e-9) + 1;
        List<Plan> plans = new ArrayList<>();
        long rows = 0;
        while (rows < request.rows()) {
            int m = pick(weights, rng.nextDouble());
            int[] drawn = lifetime(s.modes().get(m), c, rng, gauss);
            int life = drawn[0];
            int kept = Math.min(life, keepSteps);
            plans.add(new Plan(m, life, kept, false, drawn[1]));
            rows += kept;
        }
        long excess = rows - request.rows();
        if (excess > 0) {
            Plan last = plans.remove(plans.size() - 1);
            boolean whole = c.lastSteps() == null;
            int kept = (int) (last.kept() - excess);
            if (!whole) {
                plans.add(last.resized(last.life(), kept));
            } else if ((c.lifeMin() != null || c.lifeMax() != null) && fitWithinLives(plans, last, kept, c)) {
                return plans;
            } else if (kept >= 2 || plans.isEmpty()) {
                // still running when observation ends, as units in a real fleet are: a shorter life of its own
                // would add a lifetime nobody drew (the lifetimes KS counted one per split)
                plans.add(new Plan(last.mode(), last.life(), kept, true, last.source()));
            } else {
                // Spread the rows the cut unit would have kept over the others, one more row each.
                int spare = kept;
                for (int i = 0; spare > 0; i = (i + 1) % plans.size(), spare--) {
                    Plan q = plans.get(i);
                    plans.set(i, q.resized(q.life() + 1, q.kept() + 1));
                }
            }
        }
        return plans;
    }

    /**
     * Ends a draw of whole lives with a life range asked for, where the last unit would have to be cut
     * to {@code kept} rows: cut, when that is still in the range; else the other units give up rows
     * (down to the shortest life allowed) so that the last keeps the shortest, or the last unit is
     * left out and its rows spread over the others (up to the longest allowed). Returns false, with
     * {@code plans} untouched, when neither fits: then no set of lives in the range sums to the rows.
     */
    private boolean fitWithinLives(List<Plan> plans, Plan last, int kept, SampleRequest.Conditions c) {
        int lo = (int) Math.ceil(Math.max(2, c.lifeMin() == null ? 2 : c.lifeMin() / s.rulStep() + 1) - 1e-9);
        int hi = c.lifeMax() == null
                ? Integer.MAX_VALUE
                : (int) Math.floor(Math.max(lo, c.lifeMax() / s.rulStep() + 1) + 1e-9);
        if (kept >= lo && kept <= hi) {
            plans.add(last.resized(kept, kept));
            return true;
        }
        long shrinkable =
                plans.stream().mapToLong(q -> Math.max(0, q.life() - lo)).sum();
        long growable =
                plans.stream().mapToLong(q -> Math.max(0, (long) hi - q.life())).sum();
        int delta;
        if (kept < lo && shrinkable >= lo - kept) {
            delta = -(lo - kept);
            plans.add(last.resized(lo, lo));
        } else if (growable >= kept) {
            delta = kept;
        } else {
            return false;
        }
        // One row more or less per unit in turn, so that no unit's life moves by much.
        int others = delta < 0 ? plans.size() - 1 : plans.size();
        for (int i = 0; delta != 0; i = (i + 1) % others) {
            Plan q = plans.get(i);
            if (delta < 0 && q.life() > lo) {
                plans.set(i, q.resized(q.life() - 1, q.kept() - 1));
                delta++;
            } else if (delta > 0 && q.life() < hi) {
                plans.set(i, q.resized(q.life() + 1, q.kept() + 1));
                delta--;
            }
        }
        return true;
    }

    /**
     * A lifetime in rows and the training life it is drawn as (its index in the mode's lifetimes): one of
     * the mode's, in the range asked for, stretched by a little noise on the log scale.
     */
    private int[] lifetime(
            TrajectoryState.Mode mode, SampleRequest.Conditions c, UniformRandomProvider rng, ContinuousSampler gauss) {
        int[] lives = mode.lifetimes();
        double minRows = c.lifeMin() == null ? 2 : Math.max(2, c.lifeMin() / s.rulStep() + 1);
        double maxRows = c.lifeMax() == null ? Double.MAX_VALUE : Math.max(minRows, c.lifeMax() / s.rulStep() + 1);
        int[] inRange = java.util.stream.IntStream.range(0, lives.length)
                .filter(i -> lives[i] >= minRows && lives[i] <= maxRows)
                .toArray();
        int[] pool = inRange.length > 0
                ? inRange
                : java.util.stream.IntStream.range(0, lives.length).toArray();
        int source = pool[rng.nextInt(pool.length)];
        double l = lives[source] * Math.exp(s.lifeSpread() * gauss.sample());
        return new int[] {(int) Math.round(Math.max(minRows, Math.min(maxRows, l))), source};
    }

    /** The rows as the source's schema lays them out, with origin {@code synthetic}. */
    private SourceTable assemble(
            int n, double[][] cont, String[][] labels, double[] ttf, double[] unit, double[] order) {
        List<Column> columns = new ArrayList<>();
        SourceSchema schema = s.schema();
        for (SourceSchema.Field f : schema.fields()) {
            int ci = s.continuous().indexOf(f.name());
            int ki = indexOfCategorical(f.name());
            Column c;
            if (f.role() == Role.UNIT) {
                c = unitColumn(f, unit);
            } else if (f.role() == Role.ORDER) {
                c = new Column.Numeric(f.name(), order);
            } else if (f.role() == Role.RUL) {
                double cap = schema.rulCap() == null ? Double.POSITIVE_INFINITY : schema.rulCap();
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Math.min(cap, ttf[i]);
                }
                c = new Column.Numeric(f.name(), v);
            } else if (ci >= 0) {
                double[] v = cont[ci];
                if (f.kind() == ColumnKind.INTEGER) {
                    for (int i = 0; i < n; i++) {
                        v[i] = Math.rint(v[i]);
                    }
                }
                c = new Column.Numeric(f.name(), v);
            } else if (ki >= 0) {
                if (s.categorical().get(ki).flag()) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = "1".equals(labels[ki][i]) ? 1 : 0;
                    }
                    c = new Column.Numeric(f.name(), v);
                } else {
                    c = new Column.Categorical(f.name(), labels[ki]);
                }
            } else {
                c = constantColumn(f, n);
            }
            columns.add(c);
        }
        return new SourceTable(schema.withOrigin(SourceSchema.Origin.SYNTHETIC), new ColumnTable(columns));
    }

    /** Generated unit numbers as the source's unit column holds them: numbers, or labels {@code syn_1, syn_2, ...} for text ids. */
    public static Column unitColumn(SourceSchema.Field f, double[] unit) {
        if (f.kind() != ColumnKind.CATEGORY) {
            return new Column.Numeric(f.name(), unit.clone());
        }
        String[] v = new String[unit.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = "syn_" + (long) unit[i];
        }
        return new Column.Categorical(f.name(), v);
    }

    /** A column the model does not learn: its constant, or missing values. */
    public static Column constantColumn(SourceSchema.Field f, int n) {
        if (f.kind() == ColumnKind.CATEGORY || f.kind() == ColumnKind.IDENTIFIER) {
            String[] v = new String[n];
            Arrays.fill(v, f.constant());
            return new Column.Categorical(f.name(), v);
        }
        double[] v = new double[n];
        double value;
        try {
            value = f.constant() == null ? Double.NaN : Double.parseDouble(f.constant());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        Arrays.fill(v, value);
        return new Column.Numeric(f.name(), v);
    }

    private int indexOfCategorical(String name) {
        for (int i = 0; i < s.categorical().size(); i++) {
            if (s.categorical().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The bin of a time to failure: 0 for the failure row, then {@link #TTF_BINS} - 1 bins equal on a
     * log scale up to the longest time to failure seen, so that the last days before failure, where
     * flags and trends change fastest, get the finest bins.
     */
    static int ttfBin(double ttf, double step, double maxTtf) {
        if (ttf <= 0.5 * step) {
            return 0;
        }
        double scale = Math.log1p(Math.max(maxTtf, step) / step);
        int b = 1 + (int) Math.floor((TTF_BINS - 1) * Math.log1p(ttf / step) / scale);
        return Math.min(TTF_BINS - 1, Math.max(1, b));
    }

    static int pick(double[] probabilities, double u) {
        double acc = 0;
        for (int i = 0; i < probabilities.length; i++) {
            acc += probabilities[i];
            if (u < acc) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    private static void draw(ContinuousSampler gauss, double[] z) {
        for (int i = 0; i < z.length; i++) {
            z[i] = gauss.sample();
        }
    }

    /** {@code out = L z} for a lower-triangular {@code L}. */
    private static void mul(double[][] lower, double[] z, double[] out) {
        for (int i = 0; i < out.length; i++) {
            double v = 0;
            for (int k = 0; k <= i; k++) {
                v += lower[i][k] * z[k];
            }
            out[i] = v;
        }
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("machine_id", s.schema().machineId());
        root.put("created_at", createdAt.toString());
        root.set("versions", dev.fleetsynth.engine.synth.Synthesizers.versions());
        root.set("state", JSON.valueToTree(s));
        AtomicFiles.write(
                dir.resolve(JSON_FILE), (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static TrajectoryModel load(JsonNode root, Path dir) throws IOException {
        if (root.path("format_version").asInt() != FORMAT_VERSION) {
            throw new IOException(dir + " holds a trajectory model of format version "
                    + root.path("format_version").asText() + "; this Fleetsynth reads version " + FORMAT_VERSION);
        }
        TrajectoryState state = JSON.treeToValue(root.get("state"), TrajectoryState.class);
        return new TrajectoryModel(state, Instant.parse(root.path("created_at").asText(Instant.EPOCH.toString())));
    }
}
