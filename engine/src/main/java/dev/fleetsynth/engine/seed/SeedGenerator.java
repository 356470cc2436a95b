package dev.fleetsynth.engine.seed;

import dev.fleetsynth.engine.ProgressListener;
import dev.fleetsynth.engine.profile.FailureMode;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.ProfileValidator;
import dev.fleetsynth.engine.profile.SensorSpec;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Physics-based run-to-failure seed data for one machine profile.
 *
 * <p>The seed documents' generator drew each sensor as a straight ramp from healthy to failed plus
 * white noise. Real condition-monitoring data differs from that in ways a model trained on it must
 * learn, so each cycle here is built as follows:
 * <ol>
 *   <li><b>Lifetime.</b> Each cycle (one component life, from installation to failure) lasts
 *       max_rul plus a normal spread of rul_noise hours, bounded to 0.5..1.5 x max_rul. Rows are shared
 *       among cycles in proportion to their lifetimes, and the sampling interval follows from them:
 *       {@link #intervalHours} (all lifetimes over the steps between readings). Every row is that
 *       interval after the one before, and RUL is the time to the cycle's last row on that clock, so a
 *       RUL model can trust the clock and the label alike (the rows and the lifetimes are the user's
 *       choices; a fixed hourly clock would have to drop one of them).</li>
 *   <li><b>Stochastic degradation path.</b> Wear does not accumulate at a constant rate: the life
 *       fraction driving degradation is a normalised gamma process (monotone, random increments, the
 *       standard model of cumulative damage), so two lives of the same machine differ in shape.</li>
 *   <li><b>Degradation pattern.</b> The profile's pattern turns that fraction into degradation
 *       (linear with a longer or shorter healthy period, or exponential).</li>
 *   <li><b>Failure modes.</b> Each cycle fails by one of the profile's failure modes, drawn by weight.
 *       Its sensors move by their full range; sensors of the other modes by {@value #SECONDARY_RESPONSE}
 *       of it (secondary effects). Sensors in no mode always follow the degradation fully.</li>
 *   <li><b>Response curves.</b> Each sensor follows degradation through its own curve (linear,
 *       convex for vibration, concave for temperatures, sigmoid for discharges).</li>
 *   <li><b>Unit-to-unit variation.</b> A replaced component is never identical: per cycle, each
 *       sensor's baseline shifts by N(0, noise/2) and its range is scaled by 1 + N(0, 0.08), bounded to 0.8..1.2.</li>
 *   <li><b>Autocorrelated noise.</b> Hourly readings of thermal and mechanical quantities are not
 *       independent: noise is AR(1) with coefficient {@value #NOISE_AR} and stationary standard
 *       deviation equal to the sensor's noise.</li>
 *   <li><b>Physical bounds.</b> Quantities that cannot be negative (a sensor whose healthy and failed
 *       readings are both >= 0, except temperatures in C or F) are clipped at 0.</li>
 * </ol>
 * Timestamps step by the interval; between cycles the machine is down {@value #REPAIR_HOURS} hours for repair.
 * All randomness comes from one generator seeded by {@link SeedOptions#randomSeed()} mixed with the
 * machine id: the same machine and seed give the same data, and two machines of the same type (the
 * catalog's seven motors share one sensor design) still get lives of their own.
 */
public final class SeedGenerator {
    static final double SECONDARY_RESPONSE = 0.35;
    static final double NOISE_AR = 0.7;
    static final long REPAIR_HOURS = 24;
    /** Total shape of the gamma process over one life: larger is smoother; 400 gives about 5 % wobble at mid-life. */
    static final double DAMAGE_SHAPE = 400;

    private static final long HOUR_MICROS = 3_600_000_000L;
    private static final Set<String> SIGNED_UNITS = Set.of("C", "F", "degC", "degF", "°C", "°F");

    private SeedGenerator() {}

    public static SensorTable generate(MachineProfile profile, SeedOptions options) {
        return generate(profile, options, ProgressListener.NONE);
    }

    public static SensorTable generate(MachineProfile profile, SeedOptions options, ProgressListener progress) {
        var problems = ProfileValidator.validate(profile);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid profile: " + problems.get(0));
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(
                options.randomSeed() * 0x9E3779B97F4A7C15L + profile.machineId().hashCode());
        ContinuousSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);

        int n = options.rows();
        int cycles = profile.rul().cycles();
        double[] lifetimes = lifetimes(profile, cycles, gauss);
        int[] rowsPerCycle = shareRows(n, lifetimes);
        double interval = intervalHours(lifetimes, n);

        List<SensorSpec> sensors = profile.sensors();
        int s = sensors.size();
        long[] timestamps = new long[n];
        int[] cycleCol = new int[n];
        double[] rul = new double[n];
        double[][] values = new double[s][n];
        double[] lowerBound = new double[s];
        for (int j = 0; j < s; j++) {
            SensorSpec spec = sensors.get(j);
            boolean nonNegative =
                    spec.base() >= 0 && spec.base() + spec.range() >= 0 && !SIGNED_UNITS.contains(spec.unit());
            lowerBound[j] = nonNegative ? 0 : Double.NEGATIVE_INFINITY;
        }
        double innovation = Math.sqrt(1 - NOISE_AR * NOISE_AR);
        long clock =
                options.start().getEpochSecond() * 1_000_000L + options.start().getNano() / 1_000;

        int row = 0;
        double[] offset = new double[s];
        double[] amplitude = new double[s];
        double[] noiseState = new double[s];
        double[] damage = new double[0];
        for (int c = 0; c < cycles; c++) {
            int m = rowsPerCycle[c];
            FailureMode active = drawMode(profile.failureModes(), rng);
            for (int j = 0; j < s; j++) {
                SensorSpec spec = sensors.get(j);
                offset[j] = 0.5 * spec.noise() * gauss.sample();
                double gain = Math.max(0.8, Math.min(1.2, 1 + 0.08 * gauss.sample()));
                amplitude[j] = spec.range() * gain * participation(spec.name(), active, profile.failureModes());
                noiseState[j] = spec.noise() * gauss.sample();
            }
            if (damage.length < m) {
                damage = new double[m];
            }
            damagePath(m, rng, damage);
            for (int i = 0; i < m; i++, row++) {
                double d = profile.rul().pattern().degradation(damage[i]);
                timestamps[row] = clock + Math.round(i * interval * HOUR_MICROS);
                cycleCol[row] = c + 1;
                rul[row] = (m - 1 - i) * interval;
                for (int j = 0; j < s; j++) {
                    SensorSpec spec = sensors.get(j);
                    if (i > 0) {
                        noiseState[j] = NOISE_AR * noiseState[j] + innovation * spec.noise() * gauss.sample();
                    }
                    double v = spec.base()
                            + offset[j]
                            + amplitude[j] * spec.response().response(d)
                            + noiseState[j];
                    values[j][row] = Math.max(lowerBound[j], v);
                }
                if ((row & 4095) == 4095) {
                    progress.progress(row + 1, n);
                }
            }
            clock = timestamps[row - 1] + REPAIR_HOURS * HOUR_MICROS;
        }
        progress.progress(n, n);
        List<double[]> columns = new ArrayList<>(s);
        for (double[] v : values) {
            columns.add(v);
        }
        return new SensorTable(profile.machineId(), timestamps, cycleCol, rul, profile.sensorNames(), columns);
    }

    private static double[] lifetimes(MachineProfile profile, int cycles, ContinuousSampler gauss) {
        double max = profile.rul().maxRul();
        double[] lifetimes = new double[cycles];
        for (int c = 0; c < cycles; c++) {
            double l = max + profile.rul().rulNoise() * gauss.sample();
            lifetimes[c] = Math.max(0.5 * max, Math.min(1.5 * max, l));
        }
        return lifetimes;
    }

    /**
     * Hours between readings: the drawn lifetimes spread over the {@code rows - cycles} steps between
     * readings (a cycle of m rows has m - 1 steps), so the cycles' lengths on the clock add up to the
     * lifetimes drawn; each cycle's own length is within one interval of its draw.
     */
    static double intervalHours(double[] lifetimes, int rows) {
        double total = 0;
        for (double l : lifetimes) {
            total += l;
        }
        return total / (rows - lifetimes.length);
    }

    /** Rows per cycle in proportion to lifetime, summing to n (largest remainder), each at least 2. */
    static int[] shareRows(int n, double[] lifetimes) {
        double total = 0;
        for (double l : lifetimes) {
            total += l;
        }
        int[] share = new int[lifetimes.length];
        double[] remainder = new double[lifetimes.length];
        int given = 0;
        for (int c = 0; c < lifetimes.length; c++) {
            double exact = n * lifetimes[c] / total;
            share[c] = Math.max(2, (int) Math.floor(exact));
            remainder[c] = exact - Math.floor(exact);
            given += share[c];
        }
        while (given < n) {
            int best = 0;
            for (int c = 1; c < share.length; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            share[best]++;
            remainder[best] = -1;
            given++;
        }
        while (given > n) {
            int largest = 0;
            for (int c = 1; c < share.length; c++) {
                if (share[c] > share[largest]) {
                    largest = c;
                }
            }
            share[largest]--;
            given--;
        }
        return share;
    }

    /** A normalised gamma process: from 0 at the first row to 1 at the last, never decreasing. */
    private static void damagePath(int m, UniformRandomProvider rng, double[] out) {
        ContinuousSampler increment = AhrensDieterMarsagliaTsangGammaSampler.of(rng, DAMAGE_SHAPE / (m - 1), 1.0);
        out[0] = 0;
        for (int i = 1; i < m; i++) {
            out[i] = out[i - 1] + increment.sample();
        }
        double total = out[m - 1];
        if (total <= 0) {
            for (int i = 0; i < m; i++) {
                out[i] = (double) i / (m - 1);
            }
            return;
        }
        for (int i = 1; i < m; i++) {
            out[i] /= total;
        }
    }

    private static FailureMode drawMode(List<FailureMode> modes, UniformRandomProvider rng) {
        if (modes.isEmpty()) {
            return null;
        }
        double total = modes.stream().mapToDouble(FailureMode::weight).sum();
        double u = rng.nextDouble() * total;
        for (FailureMode mode : modes) {
            u -= mode.weight();
            if (u < 0) {
                return mode;
            }
        }
        return modes.get(modes.size() - 1);
    }

    private static double participation(String sensor, FailureMode active, List<FailureMode> modes) {
        if (active == null || active.sensors().contains(sensor)) {
            return 1.0;
        }
        boolean inAnyMode = modes.stream().anyMatch(m -> m.sensors().contains(sensor));
        return inAnyMode ? SECONDARY_RESPONSE : 1.0;
    }
}
