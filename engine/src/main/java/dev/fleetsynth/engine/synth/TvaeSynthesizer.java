package dev.fleetsynth.engine.synth;

import dev.fleetsynth.engine.generate.CycleArranger;
import dev.fleetsynth.engine.generate.SplitSizes;
import dev.fleetsynth.engine.source.ColumnKind;
import dev.fleetsynth.engine.source.Role;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.synth.trajectory.TrajectoryModel;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.tvae.TvaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CTGAN's TVAE ({@link TvaeModel}) behind the seam. It learns rows, not histories: sampled rows are
 * dealt into units afterwards ({@link CycleArranger}: each unit runs the RUL range down, its
 * consecutive rows alike), or, for data without RUL, kept as a table. Integers come back rounded,
 * flags as 0/1 (learnt as two categories, so their rate is kept) and categories as their labels.
 */
public final class TvaeSynthesizer implements Synthesizer {
    public static final String FORMAT = "fleetsynth-tvae";
    private final TvaeModel model;

    public TvaeSynthesizer(TvaeModel model) {
        this.model = model;
    }

    public TvaeModel model() {
        return model;
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public SourceSchema schema() {
        return model.source();
    }

    @Override
    public ModelSummary summary() {
        TvaeModel.TrainingSummary t = model.training();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", t.outcome().name().toLowerCase(java.util.Locale.ROOT));
        details.put("final_loss", t.finalLoss());
        details.put("ms_per_step", t.stepTimes().totalMs());
        details.put("learning_rate", model.config().learningRate());
        return new ModelSummary(
                FORMAT,
                model.info().machineId(),
                schema().origin().json(),
                t.lossCurve().length,
                Arrays.stream(t.lossCurve()).boxed().toList(),
                t.seconds(),
                details);
    }

    @Override
    public void save(Path dir) throws IOException {
        model.save(dir);
    }

    /** The seed's interval between readings, in microseconds: hourly for models of seeds made before it followed from the lifetimes. */
    private long stepMicros() {
        return Math.round(schema().order().step() * 1e6);
    }

    /** A simulator seed's dataset as it always was: the cycles and clock run on across the three splits. */
    @Override
    public SourceSplits sampleSplits(SplitSizes sizes, long seed) {
        if (!schema().simulatedLayout()) {
            return Synthesizer.super.sampleSplits(sizes, seed);
        }
        CycleArranger.Splits s = CycleArranger.arrange(
                model.info().machineId(),
                model.sample(sizes.total(), seed),
                sizes,
                model.info().rowsPerCycle(),
                model.info().seedStart(),
                seed,
                stepMicros());
        return new SourceSplits(SourceTable.of(s.train()), SourceTable.of(s.val()), SourceTable.of(s.test()));
    }

    @Override
    public SourceTable sample(SampleRequest request) {
        if (!request.conditions().none()) {
            throw new IllegalArgumentException(
                    "the TVAE draws rows without conditions; conditional generation needs the trajectory model");
        }
        if (schema().simulatedLayout()) {
            CycleArranger.Splits s = CycleArranger.arrange(
                    model.info().machineId(),
                    model.sample(request.rows(), request.seed()),
                    new SplitSizes(request.rows(), 0, 0),
                    model.info().rowsPerCycle(),
                    model.info().seedStart(),
                    request.seed(),
                    stepMicros());
            return SourceTable.of(s.train());
        }
        ColumnTable rows = model.sample(request.rows(), request.seed());
        SourceSchema schema = schema();
        int n = request.rows();
        int[] sensorRow = new int[n];
        int[] rulRow = new int[n];
        double[] unit = new double[n];
        double[] step = new double[n];
        String rulName = schema.rulColumn().orElse(null);
        if (rulName != null) {
            double[] rul = ((Column.Numeric) rows.column(rulName).orElseThrow()).values();
            List<double[]> numeric = new ArrayList<>();
            for (Column c : rows.columns()) {
                if (c instanceof Column.Numeric num && !c.name().equals(rulName)) {
                    numeric.add(num.values());
                }
            }
            int[] shuffled = CycleArranger.shuffled(n, request.seed());
            int at = 0;
            int u = request.firstUnit();
            for (int[][] track : CycleArranger.layout(
                    shuffled,
                    0,
                    n,
                    model.info().rowsPerCycle(),
                    rul,
                    numeric.isEmpty() ? new double[][] {rul} : numeric.toArray(double[][]::new))) {
                for (int k = 0; k < track[0].length; k++) {
                    sensorRow[at] = track[0][k];
                    rulRow[at] = track[1][k];
                    unit[at] = u;
                    step[at] = k;
                    at++;
                }
                u++;
            }
        } else {
            int perUnit = (int) Math.max(1, Math.round(model.info().rowsPerCycle()));
            for (int i = 0; i < n; i++) {
                sensorRow[i] = i;
                rulRow[i] = i;
                unit[i] = request.firstUnit() + i / perUnit;
                step[i] = schema.unitColumn().isPresent() ? i % perUnit : i;
            }
        }
        return assemble(rows, sensorRow, rulRow, unit, step);
    }

    private SourceTable assemble(ColumnTable rows, int[] sensorRow, int[] rulRow, double[] unit, double[] step) {
        SourceSchema schema = schema();
        int n = sensorRow.length;
        List<Column> columns = new ArrayList<>();
        for (SourceSchema.Field f : schema.fields()) {
            Column c;
            if (f.role() == Role.UNIT) {
                c = TrajectoryModel.unitColumn(f, unit);
            } else if (f.role() == Role.ORDER) {
                SourceSchema.Order o = schema.order();
                boolean timed = o.kind() == SourceSchema.OrderKind.TIMESTAMP;
                double start = timed ? model.info().seedStart().toEpochMilli() * 1000.0 : 1;
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = start + step[i] * (timed ? o.step() * 1_000_000 : o.step());
                }
                c = new Column.Numeric(f.name(), v);
            } else if (f.role() == Role.RUL || f.learnt()) {
                Column sampled = rows.column(f.name()).orElseThrow();
                int[] from = f.role() == Role.RUL ? rulRow : sensorRow;
                if (sampled instanceof Column.Numeric num) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = num.values()[from[i]];
                        if (f.kind() == ColumnKind.INTEGER) {
                            v[i] = Math.rint(v[i]);
                        }
                    }
                    if (f.role() == Role.RUL && schema.rulCap() != null) {
                        for (int i = 0; i < n; i++) {
                            v[i] = Math.min(schema.rulCap(), v[i]);
                        }
                    }
                    c = new Column.Numeric(f.name(), v);
                } else {
                    String[] labels = ((Column.Categorical) sampled).values();
                    if (f.kind() == ColumnKind.FLAG) {
                        double[] v = new double[n];
                        for (int i = 0; i < n; i++) {
                            v[i] = "1".equals(labels[from[i]]) ? 1 : 0;
                        }
                        c = new Column.Numeric(f.name(), v);
                    } else {
                        String[] v = new String[n];
                        for (int i = 0; i < n; i++) {
                            v[i] = labels[from[i]];
                        }
                        c = new Column.Categorical(f.name(), v);
                    }
                }
            } else {
                c = TrajectoryModel.constantColumn(f, n);
            }
            columns.add(c);
        }
        return new SourceTable(schema.withOrigin(SourceSchema.Origin.SYNTHETIC), new ColumnTable(columns));
    }
}
