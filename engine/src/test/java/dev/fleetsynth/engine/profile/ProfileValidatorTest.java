package dev.fleetsynth.engine.profile;

import static dev.fleetsynth.engine.profile.Fixtures.motor;
import static dev.fleetsynth.engine.profile.Fixtures.onlyProblem;
import static dev.fleetsynth.engine.profile.Fixtures.problemAt;
import static dev.fleetsynth.engine.profile.Fixtures.withIdentity;
import static dev.fleetsynth.engine.profile.Fixtures.withModes;
import static dev.fleetsynth.engine.profile.Fixtures.withRul;
import static dev.fleetsynth.engine.profile.Fixtures.withSensor;
import static dev.fleetsynth.engine.profile.Fixtures.withSensors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileValidatorTest {

    private static List<Problem> validate(MachineProfile p) {
        return ProfileValidator.validate(p);
    }

    /** The value a suggestion of the form "use 'x'" proposes. */
    private static String proposed(String suggestion) {
        Matcher m = Pattern.compile("use '([^']*)'").matcher(suggestion);
        assertThat(m.find()).as("suggestion '%s' proposes a value", suggestion).isTrue();
        return m.group(1);
    }

    @Test
    void theBaseProfileIsValid() {
        assertThat(validate(motor())).isEmpty();
    }

    @Nested
    class MachineId {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "abc",
                    "motor_siemens_1la7_001",
                    "001",
                    "a_b",
                    "abcdefghijklmnopqrstuvwxyz0123456789_abcdefghijklmnopqrstuvwxyz0"
                })
        void accepted(String id) {
            assertThat(id.length()).isBetween(3, 64);
            assertThat(validate(withIdentity(motor(), id, "motor"))).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({
            "ab, ab_1",
            "Motor_001, motor_001",
            "motor-001, motor_001",
            "motor 001, motor_001",
            "MOTOR.X.1, motor_x_1",
        })
        void refusedWithACorrectedProposal(String id, String expectedProposal) {
            Problem p = onlyProblem(validate(withIdentity(motor(), id, "motor")), "machine_id");
            assertThat(p.message()).contains("3..64").contains("'" + id + "'");
            assertThat(proposed(p.suggestion())).isEqualTo(expectedProposal);
            assertThat(validate(withIdentity(motor(), proposed(p.suggestion()), "motor")))
                    .isEmpty();
        }

        @Test
        void tooLongIsRefusedAndTheProposalIsCutTo64() {
            String id = "m".repeat(65);
            Problem p = onlyProblem(validate(withIdentity(motor(), id, "motor")), "machine_id");
            assertThat(p.message()).contains("3..64");
            assertThat(proposed(p.suggestion())).hasSize(64);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void blankIsMissing(String id) {
            Problem p = onlyProblem(validate(withIdentity(motor(), id, "motor")), "machine_id");
            assertThat(p.message()).contains("missing");
            assertThat(p.suggestion()).contains("machine_id:");
        }

        @Test
        void nullIsMissing() {
            Problem p = onlyProblem(validate(withIdentity(motor(), null, "motor")), "machine_id");
            assertThat(p.message()).contains("missing");
            assertThat(p.suggestion()).contains("machine_id:");
        }
    }

    @Nested
    class MachineType {
        @ParameterizedTest
        @ValueSource(strings = {"motor", "cooling_tower", "chiller", "ab", "custom_2"})
        void accepted(String type) {
            assertThat(validate(withIdentity(motor(), "machine_001", type))).isEmpty();
        }

        @Test
        void missing() {
            Problem p = onlyProblem(validate(withIdentity(motor(), "machine_001", null)), "machine_type");
            assertThat(p.message()).contains("missing");
            assertThat(p.suggestion())
                    .contains("motor")
                    .contains("cooling_tower")
                    .contains("chiller");
            onlyProblem(validate(withIdentity(motor(), "machine_001", " ")), "machine_type");
        }

        @ParameterizedTest
        @CsvSource({
            "Motor, motor",
            "cooling-tower, cooling_tower",
            "1motor, m_1motor",
            "a, a_1",
        })
        void badCharactersAreRefused(String type, String expectedProposal) {
            Problem p = onlyProblem(validate(withIdentity(motor(), "machine_001", type)), "machine_type");
            assertThat(p.message()).contains("'" + type + "'");
            assertThat(proposed(p.suggestion())).isEqualTo(expectedProposal);
            assertThat(validate(withIdentity(motor(), "machine_001", expectedProposal)))
                    .isEmpty();
        }
    }

    @Nested
    class ShortTexts {
        @Test
        void manufacturerAndModelUpTo200Characters() {
            assertThat(validate(Fixtures.withText(motor(), "x".repeat(200), "y".repeat(200))))
                    .isEmpty();
            onlyProblem(validate(Fixtures.withText(motor(), "x".repeat(201), "y")), "manufacturer");
            Problem p = onlyProblem(validate(Fixtures.withText(motor(), "x", "y".repeat(201))), "model");
            assertThat(p.message()).contains("200");
        }

        @Test
        void sensorDescriptionUpTo200Characters() {
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.description(s, "d".repeat(200)))))
                    .isEmpty();
            onlyProblem(
                    validate(withSensor(motor(), 0, s -> Fixtures.description(s, "d".repeat(201)))),
                    "sensors[0].description");
        }
    }

    @Nested
    class SensorCount {
        @Test
        void oneAndFiftyAreAccepted() {
            MachineProfile noModes = withModes(motor(), List.of());
            assertThat(validate(withSensors(noModes, Fixtures.sensors(1)))).isEmpty();
            assertThat(validate(withSensors(noModes, Fixtures.sensors(50)))).isEmpty();
        }

        @Test
        void noSensorsIsRefused() {
            Problem p = onlyProblem(validate(withSensors(withModes(motor(), List.of()), List.of())), "sensors");
            assertThat(p.message()).contains("at least one sensor");
            assertThat(p.suggestion()).contains("name:").contains("unit:");
        }

        @Test
        void fiftyOneIsRefused() {
            Problem p =
                    onlyProblem(validate(withSensors(withModes(motor(), List.of()), Fixtures.sensors(51))), "sensors");
            assertThat(p.message()).contains("50").contains("51");
            assertThat(p.suggestion()).contains("50");
        }
    }

    @Nested
    class SensorName {
        @ParameterizedTest
        @ValueSource(strings = {"bearing_temp_C", "_internal", "T1", "x"})
        void identifiersAreAccepted(String name) {
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.named(s, name))))
                    .isEmpty();
        }

        @Test
        void sixtyFourCharactersAcceptedSixtyFiveRefused() {
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.named(s, "a".repeat(64)))))
                    .isEmpty();
            Problem p = onlyProblem(
                    validate(withSensor(motor(), 0, s -> Fixtures.named(s, "a".repeat(65)))), "sensors[0].name");
            assertThat(proposed(p.suggestion())).hasSize(64);
        }

        @ParameterizedTest
        @CsvSource({
            "bearing-temp-C, bearing_temp_C",
            "bearing temp C, bearing_temp_C",
            "1st_bearing, s_1st_bearing",
            "temp(C), temp_C",
        })
        void nonIdentifiersAreRefusedWithAColumnName(String name, String expectedProposal) {
            Problem p = onlyProblem(validate(withSensor(motor(), 0, s -> Fixtures.named(s, name))), "sensors[0].name");
            assertThat(p.message()).contains("'" + name + "'");
            assertThat(proposed(p.suggestion())).isEqualTo(expectedProposal);
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.named(s, expectedProposal))))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"timestamp", "machine_id", "cycle", "rul", "Timestamp", "RUL"})
        void reservedColumnNamesAreRefused(String name) {
            Problem p = onlyProblem(validate(withSensor(motor(), 0, s -> Fixtures.named(s, name))), "sensors[0].name");
            assertThat(p.message()).contains("'" + name + "'").contains("column");
            assertThat(p.suggestion()).contains(name + "_sensor");
        }

        @Test
        void missingName() {
            Problem p = onlyProblem(validate(withSensor(motor(), 0, s -> Fixtures.named(s, null))), "sensors[0].name");
            assertThat(p.message()).contains("missing");
            onlyProblem(validate(withSensor(motor(), 0, s -> Fixtures.named(s, ""))), "sensors[0].name");
        }

        @Test
        void duplicatesAreFoundIgnoringCase() {
            List<SensorSpec> sensors = new ArrayList<>(motor().sensors());
            sensors.add(Fixtures.named(sensors.get(0), "Bearing_Temp_C"));
            Problem p = onlyProblem(validate(withSensors(motor(), sensors)), "sensors[2].name");
            assertThat(p.message()).contains("duplicate").contains("sensors[0]").contains("Bearing_Temp_C");
            assertThat(p.suggestion()).contains("Bearing_Temp_C_2");
        }

        @Test
        void exactDuplicatesAreFound() {
            List<SensorSpec> sensors = new ArrayList<>(motor().sensors());
            sensors.add(sensors.get(1));
            onlyProblem(validate(withSensors(motor(), sensors)), "sensors[2].name");
        }
    }

    @Nested
    class SensorTypeAndUnit {
        @Test
        void onlyNumericSensors() {
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.type(s, "numeric"))))
                    .isEmpty();
            Problem p = onlyProblem(
                    validate(withSensor(motor(), 0, s -> Fixtures.type(s, "categorical"))), "sensors[0].type");
            assertThat(p.message()).contains("numeric").contains("'categorical'");
            assertThat(p.suggestion()).contains("type: numeric");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "bearing_de_temp_C | C",
                    "vibration_mm_s | mm/s",
                    "motor_current_A | A",
                    "discharge_pressure_bar | bar",
                    "spindle_speed_rpm | rpm",
                    "pump_flow_l_min | L/min",
                    "ambient_temp_K | K",
                })
        void missingUnitSuggestsTheUnitTheNameEndsIn(String name, String unit) {
            SensorSpec sensor = Fixtures.named(motor().sensors().get(0), name);
            MachineProfile p = withSensors(withModes(motor(), List.of()), List.of(Fixtures.unit(sensor, null)));
            Problem problem = onlyProblem(validate(p), "sensors[0].unit");
            assertThat(problem.message()).contains("missing");
            assertThat(problem.suggestion()).startsWith("add unit: " + unit + " ");
            // a blank unit is missing too
            MachineProfile blank = withSensors(withModes(motor(), List.of()), List.of(Fixtures.unit(sensor, "  ")));
            assertThat(onlyProblem(validate(blank), "sensors[0].unit").suggestion())
                    .startsWith("add unit: " + unit + " ");
        }

        @Test
        void missingUnitWithoutASuffixGivesExamples() {
            Problem p = onlyProblem(
                    validate(withSensor(motor(), 0, s -> Fixtures.unit(Fixtures.named(s, "health"), null))),
                    "sensors[0].unit");
            assertThat(p.suggestion()).contains("unit:").contains("mm/s");
        }

        @Test
        void unitUpTo32Characters() {
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.unit(s, "u".repeat(32)))))
                    .isEmpty();
            onlyProblem(validate(withSensor(motor(), 0, s -> Fixtures.unit(s, "u".repeat(33)))), "sensors[0].unit");
        }

        @Test
        void missingResponseCurve() {
            Problem p = onlyProblem(
                    validate(withSensor(motor(), 0, s -> Fixtures.response(s, null))), "sensors[0].response");
            assertThat(p.suggestion())
                    .contains("linear")
                    .contains("convex")
                    .contains("concave")
                    .contains("sigmoid");
        }
    }

    @Nested
    class SensorNumbers {
        static Stream<Arguments> nonFinite() {
            List<Arguments> cases = new ArrayList<>();
            for (String field : List.of("base", "range", "noise")) {
                for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    cases.add(Arguments.of(field, v));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("nonFinite")
        void nonFiniteValuesAreRefused(String field, double value) {
            MachineProfile p = withSensor(
                    motor(),
                    1,
                    s -> Fixtures.numbers(
                            s,
                            field.equals("base") ? value : s.base(),
                            field.equals("range") ? value : s.range(),
                            field.equals("noise") ? value : s.noise()));
            Problem problem = onlyProblem(validate(p), "sensors[1]." + field);
            assertThat(problem.message()).containsAnyOf("not a number", "finite");
            assertThat(problem.suggestion()).contains(field + ":");
        }

        @Test
        void negativeAndZeroValuesAreFineExceptNegativeNoise() {
            assertThat(validate(withSensor(motor(), 0, s -> Fixtures.numbers(s, -40, -30, 0))))
                    .isEmpty();
            Problem p = onlyProblem(
                    validate(withSensor(motor(), 0, s -> Fixtures.numbers(s, 40, 30, -0.5))), "sensors[0].noise");
            assertThat(p.message()).contains(">= 0").contains("-0.5");
            assertThat(p.suggestion()).isEqualTo("use 0.5");
        }
    }

    @Nested
    class Rul {
        private RulSettings rul(double maxRul, int cycles, DegradationPattern pattern, double noise) {
            return new RulSettings(maxRul, cycles, pattern, noise);
        }

        @Test
        void missing() {
            Problem p = onlyProblem(validate(withRul(motor(), null)), "rul");
            assertThat(p.suggestion()).contains("max_rul").contains("cycles").contains("degradation_pattern");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, -1000})
        void maxRulMustBePositive(double maxRul) {
            Problem p = onlyProblem(
                    validate(withRul(motor(), rul(maxRul, 3, DegradationPattern.LINEAR_SLOW, 0))), "rul.max_rul");
            assertThat(p.message()).contains("> 0");
            assertThat(p.suggestion()).contains("1000");
        }

        @ParameterizedTest
        @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
        void maxRulMustBeFinite(double maxRul) {
            onlyProblem(validate(withRul(motor(), rul(maxRul, 3, DegradationPattern.LINEAR_SLOW, 0))), "rul.max_rul");
        }

        @Test
        void smallPositiveMaxRulIsAccepted() {
            assertThat(validate(withRul(motor(), rul(0.5, 3, DegradationPattern.LINEAR_SLOW, 0))))
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 7, 20})
        void cyclesFrom1To20AreAccepted(int cycles) {
            assertThat(validate(withRul(motor(), rul(1000, cycles, DegradationPattern.EXPONENTIAL, 10))))
                    .isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"0, use 1", "-3, use 1", "21, use 20", "1000, use 20"})
        void cyclesOutsideTheRangeAreRefused(int cycles, String suggestion) {
            Problem p = onlyProblem(
                    validate(withRul(motor(), rul(1000, cycles, DegradationPattern.LINEAR_FAST, 10))), "rul.cycles");
            assertThat(p.message()).contains("1..20").contains(String.valueOf(cycles));
            assertThat(p.suggestion()).isEqualTo(suggestion);
        }

        @Test
        void missingPattern() {
            Problem p = onlyProblem(validate(withRul(motor(), rul(1000, 3, null, 10))), "rul.degradation_pattern");
            assertThat(p.suggestion()).contains("linear_slow").contains("exponential");
        }

        @Test
        void rulNoiseFromZeroToHalfOfMaxRulIsAccepted() {
            assertThat(validate(withRul(motor(), rul(1000, 3, DegradationPattern.LINEAR_SLOW, 0))))
                    .isEmpty();
            assertThat(validate(withRul(motor(), rul(1000, 3, DegradationPattern.LINEAR_SLOW, 500))))
                    .isEmpty();
        }

        @Test
        void negativeRulNoiseIsRefused() {
            Problem p = onlyProblem(
                    validate(withRul(motor(), rul(1000, 3, DegradationPattern.LINEAR_SLOW, -10))), "rul.rul_noise");
            assertThat(p.message()).contains(">= 0");
            assertThat(p.suggestion()).isEqualTo("use 10.0");
        }

        @Test
        void rulNoiseOverHalfOfMaxRulIsRefused() {
            Problem p = onlyProblem(
                    validate(withRul(motor(), rul(1000, 3, DegradationPattern.LINEAR_SLOW, 501))), "rul.rul_noise");
            assertThat(p.message()).contains("half of max_rul").contains("500").contains("501");
            assertThat(p.suggestion()).contains("20");
        }

        @Test
        void nonFiniteRulNoiseIsRefused() {
            onlyProblem(
                    validate(withRul(motor(), rul(1000, 3, DegradationPattern.LINEAR_SLOW, Double.NaN))),
                    "rul.rul_noise");
        }
    }

    /** Unknown pattern and curve names are caught while reading a document, where the name is still text. */
    @Nested
    class NamesInDocuments {
        private List<Problem> readWith(Consumer<ObjectNode> edit) throws Exception {
            ObjectNode tree = ProfileTree.toTree(motor());
            edit.accept(tree);
            byte[] bytes = JsonMapper.builder().build().writeValueAsBytes(tree);
            ProfileRead read = new ProfileReader().read(bytes, "profile.json");
            assertThat(read).as(new String(bytes, StandardCharsets.UTF_8)).isInstanceOf(ProfileRead.Invalid.class);
            return ((ProfileRead.Invalid) read).problems();
        }

        @ParameterizedTest
        @CsvSource({
            "exponental, exponential",
            "Exponential, exponential",
            "linear-slow, linear_slow",
            "linearfast, linear_fast",
            "linear_meduim, linear_medium",
        })
        void unknownDegradationPatternSuggestsTheClosestName(String given, String closest) throws Exception {
            List<Problem> problems = readWith(t -> ((ObjectNode) t.get("rul")).put("degradation_pattern", given));
            Problem p = onlyProblem(problems, "rul.degradation_pattern");
            assertThat(p.message()).contains("'" + given + "'");
            assertThat(p.suggestion()).startsWith("use '" + closest + "'");
        }

        @Test
        void farOffPatternNameListsTheNames() throws Exception {
            Problem p = onlyProblem(
                    readWith(t -> ((ObjectNode) t.get("rul")).put("degradation_pattern", "bathtub_curve_x")),
                    "rul.degradation_pattern");
            assertThat(p.suggestion()).contains("linear_slow, linear_medium, linear_fast, exponential");
        }

        @Test
        void unknownResponseCurveSuggestsTheClosestName() throws Exception {
            List<Problem> problems =
                    readWith(t -> ((ObjectNode) t.get("sensors").get(1)).put("response", "sigmiod"));
            Problem p = onlyProblem(problems, "sensors[1].response");
            assertThat(p.suggestion()).startsWith("use 'sigmoid'");
        }
    }

    @Nested
    class FailureModes {
        @Test
        void noFailureModesIsFine() {
            assertThat(validate(withModes(motor(), List.of()))).isEmpty();
        }

        @Test
        void unknownSensorIsRefusedWithDidYouMean() {
            MachineProfile p = withModes(
                    motor(),
                    List.of(new FailureMode("bearing_wear", List.of("bearing_temp_C", "vibration_mm"), 1, "")));
            Problem problem = onlyProblem(validate(p), "failure_modes[0].sensors[1]");
            assertThat(problem.message()).contains("'vibration_mm'");
            assertThat(problem.suggestion()).isEqualTo("did you mean 'vibration_mm_s'?");
        }

        @Test
        void unknownSensorFarFromAnyNameSaysWhatToDo() {
            MachineProfile p = withModes(motor(), List.of(new FailureMode("leak", List.of("xyzzy_flow_quux"), 1, "")));
            Problem problem = onlyProblem(validate(p), "failure_modes[0].sensors[0]");
            assertThat(problem.suggestion()).contains("add the sensor or remove it");
        }

        @Test
        void sensorNamesInModesAreCaseSensitive() {
            MachineProfile p = withModes(motor(), List.of(new FailureMode("wear", List.of("Vibration_mm_s"), 1, "")));
            Problem problem = onlyProblem(validate(p), "failure_modes[0].sensors[0]");
            assertThat(problem.suggestion()).contains("'vibration_mm_s'");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        void weightMustBePositive(double weight) {
            MachineProfile p =
                    withModes(motor(), List.of(new FailureMode("wear", List.of("vibration_mm_s"), weight, "")));
            Problem problem = onlyProblem(validate(p), "failure_modes[0].weight");
            assertThat(problem.message()).contains("> 0");
            assertThat(problem.suggestion()).contains("weight: 1");
        }

        @Test
        void smallPositiveWeightIsFine() {
            MachineProfile p =
                    withModes(motor(), List.of(new FailureMode("wear", List.of("vibration_mm_s"), 0.001, "")));
            assertThat(validate(p)).isEmpty();
        }

        @Test
        void nameMissingOrDuplicate() {
            FailureMode a = new FailureMode("wear", List.of("vibration_mm_s"), 1, "");
            onlyProblem(
                    validate(withModes(motor(), List.of(new FailureMode("", List.of("vibration_mm_s"), 1, "")))),
                    "failure_modes[0].name");
            Problem p = onlyProblem(validate(withModes(motor(), List.of(a, a))), "failure_modes[1].name");
            assertThat(p.message()).contains("duplicate").contains("'wear'");
        }

        @Test
        void modeMustNameASensor() {
            Problem p = onlyProblem(
                    validate(withModes(motor(), List.of(new FailureMode("wear", List.of(), 1, "")))),
                    "failure_modes[0].sensors");
            assertThat(p.message()).contains("at least one sensor");
        }
    }

    @Nested
    class OperationalParameters {
        @Test
        void numbersTextAndBooleansAreFine() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("rated_power_kW", 15L);
            params.put("refrigerant", "R-134a");
            params.put("variable_speed", true);
            assertThat(validate(motor().withOperationalParameters(params))).isEmpty();
        }

        @Test
        void nonFiniteValueAndBadNamesAreRefused() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("rated_power_kW", Double.NaN);
            params.put("", 1L);
            params.put("p".repeat(65), 1L);
            List<Problem> problems = validate(motor().withOperationalParameters(params));
            assertThat(problems)
                    .extracting(Problem::path)
                    .containsExactly(
                            "operational_parameters.rated_power_kW",
                            "operational_parameters.",
                            "operational_parameters." + "p".repeat(65));
            Fixtures.assertWellFormed(problems);
        }
    }

    @Test
    void everyProblemOfABadProfileIsReportedAtOnce() {
        List<SensorSpec> sensors = List.of(
                new SensorSpec("Bearing Temp", "C", SensorSpec.NUMERIC, 40, 30, 0.5, ResponseCurve.LINEAR, ""),
                new SensorSpec("timestamp", null, "categorical", Double.NaN, 1, -1, ResponseCurve.LINEAR, ""),
                new SensorSpec(
                        "vibration_mm_s", "mm/s", SensorSpec.NUMERIC, 2, Double.POSITIVE_INFINITY, 0.1, null, ""),
                new SensorSpec("VIBRATION_MM_S", "mm/s", SensorSpec.NUMERIC, 2, 1, 0.1, ResponseCurve.CONVEX, ""));
        List<FailureMode> modes = List.of(new FailureMode("wear", List.of("vibration_mm", "vibration_mm_s"), 0, ""));
        MachineProfile bad = new MachineProfile(
                "Bad-Id", "9type", "", "", sensors, modes, Map.of(), new RulSettings(-5, 21, null, -1));

        List<Problem> problems = validate(bad);

        assertThat(problems)
                .extracting(Problem::path)
                .containsExactlyInAnyOrder(
                        "machine_id",
                        "machine_type",
                        "sensors[0].name",
                        "sensors[1].name",
                        "sensors[1].type",
                        "sensors[1].unit",
                        "sensors[1].base",
                        "sensors[1].noise",
                        "sensors[2].range",
                        "sensors[2].response",
                        "sensors[3].name",
                        "failure_modes[0].sensors[0]",
                        "failure_modes[0].weight",
                        "rul.max_rul",
                        "rul.cycles",
                        "rul.degradation_pattern",
                        "rul.rul_noise");
        assertThat(problems).hasSize(17);
        Fixtures.assertWellFormed(problems);
        assertThat(problemAt(problems, "sensors[3].name").message()).contains("sensors[2]");
    }

    @Test
    void nullProfileHasNoProblemsOfItsOwn() {
        assertThat(ProfileValidator.validate(null)).isEmpty();
    }
}
