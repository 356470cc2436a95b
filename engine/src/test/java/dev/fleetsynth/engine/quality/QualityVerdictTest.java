package dev.fleetsynth.engine.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.table.SensorTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The verdict agrees with what a RUL model and a time-series eye see, not only with the SDMetrics score:
 * the datasets that scored "excellent, passed" while being shuffled rows must fail, and say why.
 */
class QualityVerdictTest {
    private static final SensorTable REAL = Tables.seed(10_000, 3);
    private static final SensorTable UNSEEN = Tables.seed(10_000, 5);

    @Test
    void anotherDrawOfTheSameSimulatorPassesEveryCheck() {
        QualityReport r = QualityReport.evaluate(REAL, Tables.seed(10_000, 4), UNSEEN, 7);
        assertThat(r.checks())
                .extracting(QualityCheck::name)
                .containsExactly(
                        "order",
                        "lag1_autocorrelation",
                        "row_utility",
                        "window_utility",
                        "lifetimes",
                        "trend_shape",
                        "discriminative");
        assertThat(r.checks())
                .allSatisfy(c -> assertThat(c.passed()).as(c.detail()).isTrue());
        assertThat(r.passed()).isTrue();
        assertThat(r.grade()).isEqualTo(r.scoreGrade());
        assertThat(r.advice()).isEmpty();
        assertThat(r.discriminative().score()).isLessThan(0.15);
        assertThat(r.windowUtility().ratio()).isBetween(0.8, 1.25);
        assertThat(r.lifetimes().realLives()).isEqualTo(14);
    }

    /**
     * Whole rows dealt into cycles at random and each cycle walked down its RUL, as the TVAE's rows
     * were: every column and pair is the real one, so the SDMetrics score is perfect, yet every trace jumps
     * between lives.
     */
    @Test
    void shuffledRowsWithAPerfectScoreFailAndSayWhy() {
        QualityReport r = QualityReport.evaluate(REAL, dealtRows(Tables.seed(10_000, 4), 11), UNSEEN, 7);
        assertThat(r.overall()).isGreaterThan(0.95);
        assertThat(r.scoreGrade()).isEqualTo(Grade.EXCELLENT);
        assertThat(r.grade()).isEqualTo(Grade.FAILED);
        assertThat(r.passed()).isFalse();
        List<String> failed = r.checks().stream()
                .filter(c -> !c.passed())
                .map(QualityCheck::name)
                .toList();
        assertThat(failed).contains("lag1_autocorrelation", "discriminative");
        assertThat(r.advice())
                .anySatisfy(
                        a -> assertThat(a).startsWith("lag1_autocorrelation:").contains("trajectory model"));
        assertThat(r.summary()).contains("Verdict:            failed", "Check discriminative:", "FAIL", "Try: ");
    }

    /** RUL no longer goes with the readings: marginals are kept, a RUL model learns nothing. */
    @Test
    void aHighScoreWithUselessRulIsNotPassed() {
        SensorTable other = Tables.seed(10_000, 4);
        double[] rul = other.rul().clone();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2);
        for (int i = rul.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = rul[i];
            rul[i] = rul[j];
            rul[j] = t;
        }
        SensorTable broken = new SensorTable(
                other.machineId(), other.timestampMicros(), other.cycle(), rul, other.sensorNames(), other.sensors());
        QualityReport r = QualityReport.evaluate(REAL, broken, UNSEEN, 7);
        assertThat(r.scoreGrade()).isNotEqualTo(Grade.FAILED);
        assertThat(r.grade()).isEqualTo(Grade.FAILED);
        QualityCheck rows = r.checks().stream()
                .filter(c -> c.name().equals("row_utility"))
                .findFirst()
                .orElseThrow();
        assertThat(rows.passed()).isFalse();
        assertThat(rows.value()).isGreaterThan(1.25).isEqualTo(r.utility().ratio());
        assertThat(rows.advice()).isNotEmpty();
    }

    @Test
    void everyMeasureIsInTheJsonUnderItsKeyWithItsChecks() {
        QualityReport r = QualityReport.evaluate(REAL, Tables.seed(10_000, 4), UNSEEN, 7);
        ObjectNode json = r.toJson();
        for (QualityMetric m : QualityMetric.ALL) {
            assertThat(json.get(m.key())).as(m.key()).isNotNull();
            assertThat(json.get(m.key()).isObject()).as(m.key()).isTrue();
        }
        assertThat(QualityMetric.ALL.stream().map(QualityMetric::key).distinct().count())
                .isEqualTo(QualityMetric.ALL.size());
        JsonNode check = json.get("checks").get(0);
        List<String> keys = new ArrayList<>();
        check.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("name", "passed", "value", "limit", "detail", "advice");
        assertThat(json.get("window_utility").get("window").asInt()).isEqualTo(Windows.WINDOW);
        assertThat(json.get("window_utility").get("ratio").asDouble())
                .isEqualTo(r.windowUtility().ratio());
        assertThat(json.get("discriminative").get("score").asDouble())
                .isEqualTo(r.discriminative().score());
        assertThat(json.get("trend_shape").get("sensors").get(0).get("real")).hasSize(TrendShapeMetric.BINS);
        assertThat(json.get("lifetimes").get("ks").asDouble())
                .isEqualTo(r.lifetimes().ks());
    }

    /** Rows of all cycles dealt at random into cycles of the same lengths, each cycle sorted by RUL, clock as it was. */
    static SensorTable dealtRows(SensorTable t, long seed) {
        int n = t.rows();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Integer x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        int from = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || t.cycle()[i] != t.cycle()[i - 1]) {
                Arrays.sort(order, from, i, (a, b) -> Double.compare(t.rul()[b], t.rul()[a]));
                from = i;
            }
        }
        double[] rul = new double[n];
        List<double[]> sensors = new ArrayList<>();
        for (double[] s : t.sensors()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = s[order[i]];
            }
            sensors.add(v);
        }
        for (int i = 0; i < n; i++) {
            rul[i] = t.rul()[order[i]];
        }
        return new SensorTable(t.machineId(), t.timestampMicros(), t.cycle(), rul, t.sensorNames(), sensors);
    }
}
