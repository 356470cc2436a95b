package dev.fleetsynth.engine.profile;

import static dev.fleetsynth.engine.profile.Fixtures.assertWellFormed;
import static dev.fleetsynth.engine.profile.Fixtures.motor;
import static dev.fleetsynth.engine.profile.Fixtures.onlyProblem;
import static dev.fleetsynth.engine.profile.Fixtures.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.catalog.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileReaderTest {
    private final ProfileReader reader = new ProfileReader();
    private final ProfileWriter writer = new ProfileWriter();

    @TempDir
    Path dir;

    private static MachineProfile valid(ProfileRead read) {
        assertThat(read).as("%s", read).isInstanceOf(ProfileRead.Valid.class);
        return ((ProfileRead.Valid) read).profile();
    }

    /** The problems of an Invalid outcome, each with a path, a message and a suggestion. */
    private static List<Problem> invalid(ProfileRead read) {
        assertThat(read).isInstanceOf(ProfileRead.Invalid.class);
        List<Problem> problems = ((ProfileRead.Invalid) read).problems();
        assertWellFormed(problems);
        return problems;
    }

    private static Problem fileProblem(ProfileRead read) {
        return onlyProblem(invalid(read), Problem.FILE);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ProfileReaderTest.class.getResource("/profiles/" + name).toURI());
    }

    /** The motor fixture as JSON, edited as a document tree. */
    private ProfileRead readEditedJson(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode tree = ProfileTree.toTree(motor());
        edit.accept(tree);
        return reader.read(JsonMapper.builder().build().writeValueAsBytes(tree), "profile.json");
    }

    /** What motor_valid.yaml and motor_valid.json describe. */
    static MachineProfile handWrittenMotor() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("rated_power_kW", 15L);
        params.put("rated_speed_rpm", 1460L);
        params.put("efficiency_class", "IE3");
        params.put("inverter_fed", false);
        params.put("service_factor", 1.15);
        return new MachineProfile(
                "motor_siemens_1la7_101",
                "motor",
                "Siemens",
                "1LA7",
                List.of(
                        new SensorSpec(
                                "bearing_de_temp_C",
                                "C",
                                "numeric",
                                40,
                                35,
                                0.5,
                                ResponseCurve.LINEAR,
                                "drive-end bearing temperature"),
                        new SensorSpec("winding_temp_C", "C", "numeric", 50, 40, 0.8, ResponseCurve.CONCAVE, ""),
                        new SensorSpec(
                                "vibration_mm_s",
                                "mm/s",
                                "numeric",
                                2.5,
                                5.0,
                                0.15,
                                ResponseCurve.CONVEX,
                                "housing vibration velocity, RMS"),
                        new SensorSpec("current_A", "A", "numeric", 8.0, 6, 0.3, ResponseCurve.LINEAR, "")),
                List.of(
                        new FailureMode(
                                "bearing_wear",
                                List.of("bearing_de_temp_C", "vibration_mm_s"),
                                0.6,
                                "lubrication loss and rolling-element fatigue"),
                        new FailureMode("insulation_degradation", List.of("winding_temp_C", "current_A"), 0.4, "")),
                params,
                new RulSettings(1000, 3, DegradationPattern.LINEAR_SLOW, 10));
    }

    @Nested
    class RoundTrips {
        static Stream<Arguments> templatesInEveryFormat() {
            List<Arguments> cases = new ArrayList<>();
            for (Templates.Template t : Templates.all()) {
                for (ProfileFormat f : ProfileFormat.values()) {
                    cases.add(Arguments.of(t.name(), f));
                }
            }
            return cases.stream();
        }

        static Stream<Arguments> catalogInEveryFormat() {
            List<Arguments> cases = new ArrayList<>();
            for (Catalog.Entry e : Catalog.machines()) {
                for (ProfileFormat f : ProfileFormat.values()) {
                    cases.add(Arguments.of(e.machineId(), f));
                }
            }
            return cases.stream();
        }

        @ParameterizedTest(name = "{0} as {1}")
        @MethodSource("templatesInEveryFormat")
        void everyTemplateReadsBackToTheSameRecord(String name, ProfileFormat format) throws IOException {
            MachineProfile original = Templates.byName(name).orElseThrow().profile();
            Path file = write("profile." + format.extension(), writer.write(original, format));
            ProfileRead read = reader.read(file);
            assertThat(valid(read)).isEqualTo(original);
            assertThat(((ProfileRead.Valid) read).format()).isEqualTo(format);
        }

        @ParameterizedTest(name = "{0} as {1}")
        @MethodSource("catalogInEveryFormat")
        void everyCatalogMachineReadsBackToTheSameRecord(String machineId, ProfileFormat format) {
            MachineProfile original = Catalog.profile(machineId).orElseThrow();
            assertThat(valid(reader.read(writer.write(original, format), "m." + format.extension())))
                    .isEqualTo(original);
        }

        @Test
        void theThreeFormatsOfOneProfileReadToEqualRecords() {
            MachineProfile original = handWrittenMotor();
            MachineProfile fromJson = valid(reader.read(writer.write(original, ProfileFormat.JSON), "p.json"));
            MachineProfile fromYaml = valid(reader.read(writer.write(original, ProfileFormat.YAML), "p.yaml"));
            MachineProfile fromXlsx = valid(reader.read(writer.write(original, ProfileFormat.XLSX), "p.xlsx"));
            assertThat(fromJson).isEqualTo(original);
            assertThat(fromYaml).isEqualTo(fromJson);
            assertThat(fromXlsx).isEqualTo(fromJson);
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(
                strings = {
                    "1.50",
                    "2024",
                    "0815",
                    "007",
                    "-7",
                    "+7",
                    ".5",
                    "1e3",
                    "1E-3",
                    "0x1F",
                    "0o17",
                    "0b101",
                    "1_000",
                    "1:30",
                    "12:30:00",
                    "true",
                    "False",
                    "yes",
                    "no",
                    "on",
                    "off",
                    "null",
                    "~",
                    "NaN",
                    ".nan",
                    ".inf",
                    "-.inf",
                    "2024-01-15",
                    "#1",
                    "- x",
                    "a: b",
                    "*ref",
                    "&anchor",
                    "!tag",
                    "@home",
                    "`x`",
                    "'single'",
                    "\"double\"",
                    "{x}",
                    "[x]",
                    "x, y",
                    "%",
                    "?",
                    "tab\tinside",
                    "line\nbreak",
                    "été ℃"
                })
        void textThatLooksLikeSomethingElseStaysTextInEveryFormat(String text) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("note", text);
            MachineProfile original = Fixtures.withText(motor(), text, text).withOperationalParameters(params);
            for (ProfileFormat f : ProfileFormat.values()) {
                byte[] bytes = writer.write(original, f);
                assertThat(valid(reader.read(bytes, "p." + f.extension())))
                        .as("%s:%n%s", f, f == ProfileFormat.XLSX ? "" : new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(original);
            }
        }

        @Test
        void yamlQuotesOnlyWhatNeedsIt() {
            String yaml = new String(writer.write(handWrittenMotor(), ProfileFormat.YAML), StandardCharsets.UTF_8);
            assertThat(yaml)
                    .contains(
                            "machine_id: motor_siemens_1la7_101\n",
                            "unit: mm/s\n",
                            "response: concave\n",
                            "degradation_pattern: linear_slow\n",
                            "efficiency_class: IE3\n",
                            "model: \"1LA7\"\n");
        }

        @Test
        void numbersKeepTheirValueInEveryFormat() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("int", 15);
            params.put("long", 1_000_000_000_000L);
            params.put("whole_double", 15.0);
            params.put("fraction", 0.1);
            params.put("tiny", 1e-9);
            params.put("negative", -273.15);
            params.put("big", 6.02e23);
            params.put("flag", true);
            MachineProfile original = motor().withOperationalParameters(params);
            assertThat(original.operationalParameters())
                    .containsEntry("int", 15L)
                    .containsEntry("whole_double", 15L);
            for (ProfileFormat f : ProfileFormat.values()) {
                assertThat(valid(reader.read(writer.write(original, f), "p." + f.extension())))
                        .as("%s", f)
                        .isEqualTo(original);
            }
        }
    }

    @Nested
    class HandWrittenFiles {
        @Test
        void yamlAndJsonOfTheSameMotorReadToTheSameRecord() throws Exception {
            ProfileRead yaml = reader.read(resource("motor_valid.yaml"));
            ProfileRead json = reader.read(resource("motor_valid.json"));
            assertThat(valid(yaml)).isEqualTo(handWrittenMotor());
            assertThat(valid(json)).isEqualTo(handWrittenMotor());
            assertThat(((ProfileRead.Valid) yaml).format()).isEqualTo(ProfileFormat.YAML);
            assertThat(((ProfileRead.Valid) json).format()).isEqualTo(ProfileFormat.JSON);
        }

        @Test
        void aBrokenYamlReportsEveryMistake() throws Exception {
            List<Problem> problems = invalid(reader.read(resource("broken.yaml")));
            assertThat(problems)
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                            "machine_id",
                            "machine_typ",
                            "machine_type",
                            "sensors[0].name",
                            "sensors[0].base",
                            "sensors[0].noise",
                            "sensors[1].respons",
                            "sensors[1].unit",
                            "sensors[2].type",
                            "sensors[2].response",
                            "failure_modes[0].sensors[0]",
                            "failure_modes[0].weight",
                            "rul.cycles",
                            "rul.degradation_pattern",
                            "rul.rul_noise");
            assertThat(problemAt(problems, "machine_typ").suggestion()).contains("did you mean 'machine_type'?");
            assertThat(problemAt(problems, "sensors[0].base").message()).contains("'forty'");
            assertThat(problemAt(problems, "sensors[1].respons").suggestion()).contains("'response'");
            assertThat(problemAt(problems, "sensors[1].unit").suggestion()).startsWith("add unit: mm/s");
            assertThat(problemAt(problems, "sensors[2].response").suggestion()).startsWith("use 'sigmoid'");
            assertThat(problemAt(problems, "failure_modes[0].sensors[0]").suggestion())
                    .contains("'vibration_mm_s'");
            assertThat(problemAt(problems, "rul.degradation_pattern").suggestion())
                    .startsWith("use 'exponential'");
        }

        @Test
        void theSameFileReadsFromAStream() throws Exception {
            try (InputStream in = Files.newInputStream(resource("motor_valid.yaml"))) {
                assertThat(valid(reader.read(in, "motor_valid.yml"))).isEqualTo(handWrittenMotor());
            }
        }
    }

    @Nested
    class FormatDetection {
        @Test
        void withoutAnExtensionJsonAndYamlAreToldApartByContent() {
            byte[] json = writer.write(motor(), ProfileFormat.JSON);
            byte[] yaml = writer.write(motor(), ProfileFormat.YAML);
            byte[] xlsx = writer.write(motor(), ProfileFormat.XLSX);
            assertThat(reader.read(json, "profile")).isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.JSON));
            assertThat(reader.read(yaml, "profile")).isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.YAML));
            assertThat(reader.read(xlsx, null)).isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.XLSX));
        }

        @Test
        void extensionsAreCaseInsensitiveAndYmlIsYaml() {
            assertThat(reader.read(writer.write(motor(), ProfileFormat.YAML), "P.YML"))
                    .isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.YAML));
            assertThat(reader.read(writer.write(motor(), ProfileFormat.JSON), "dir.v2/P.Json"))
                    .isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.JSON));
        }

        @Test
        void jsonWithAByteOrderMarkIsJson() {
            byte[] json = writer.write(motor(), ProfileFormat.JSON);
            byte[] withBom = new byte[json.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(json, 0, withBom, 3, json.length);
            assertThat(reader.read(withBom, "profile")).isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.JSON));
        }

        @Test
        void yamlWithAByteOrderMarkIsYaml() {
            byte[] yaml = writer.write(motor(), ProfileFormat.YAML);
            byte[] withBom = new byte[yaml.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(yaml, 0, withBom, 3, yaml.length);
            assertThat(reader.read(withBom, "profile.yaml"))
                    .isEqualTo(new ProfileRead.Valid(motor(), ProfileFormat.YAML));
        }

        @Test
        void aZipNamedJsonIsRefused() {
            Problem p = fileProblem(reader.read(writer.write(motor(), ProfileFormat.XLSX), "profile.json"));
            assertThat(p.message()).contains(".json").contains("ZIP");
            assertThat(p.suggestion()).contains(".xlsx");
        }

        @Test
        void pngBytesNamedJsonAreRefusedByContent() {
            byte[] png = {
                (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0
            };
            Problem p = fileProblem(reader.read(png, "profile.json"));
            assertThat(p.message()).contains("binary");
            assertThat(p.suggestion()).contains(".json").contains(".yaml").contains(".xlsx");
        }

        @Test
        void controlCharactersMakeAFileBinary() {
            Problem p = fileProblem(reader.read(utf8("machine_id: abc\u0001\n"), "profile.yaml"));
            assertThat(p.message()).contains("binary");
        }

        @Test
        void aTextFileNamedXlsxIsRefused() throws IOException {
            Path file = write("profile.xlsx", writer.write(motor(), ProfileFormat.YAML));
            Problem p = fileProblem(reader.read(file));
            assertThat(p.message()).contains(".xlsx").contains("text");
            assertThat(p.suggestion()).contains(".yaml");
        }

        @Test
        void legacyXlsIsRefusedWithAdviceToSaveAsXlsx() throws IOException {
            byte[] ole2 = new byte[512];
            byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
            System.arraycopy(magic, 0, ole2, 0, magic.length);
            for (String name : List.of("profile.xls", "profile.xlsx", "profile")) {
                Problem p = fileProblem(reader.read(write(name, ole2)));
                assertThat(p.message()).as(name).containsAnyOf("Excel 97-2003", "OLE2");
                assertThat(p.suggestion()).as(name).contains("save the workbook as .xlsx");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"profile.txt", "profile.csv", "profile.xml", "profile.json.exe"})
        void unknownExtensionsAreRefused(String name) {
            Problem p = fileProblem(reader.read(writer.write(motor(), ProfileFormat.JSON), name));
            String ext = name.substring(name.lastIndexOf('.'));
            assertThat(p.message()).contains("unsupported file type '" + ext + "'");
            assertThat(p.suggestion())
                    .contains(".json")
                    .contains(".yaml")
                    .contains(".yml")
                    .contains(".xlsx");
        }
    }

    @Nested
    class DamagedFiles {
        @Test
        void emptyFile() throws IOException {
            for (String name : List.of("profile.json", "profile.yaml", "profile.xlsx", "profile")) {
                Problem p = fileProblem(reader.read(write(name, new byte[0])));
                assertThat(p.message()).as(name).contains("empty");
                assertThat(p.suggestion()).as(name).contains("template");
            }
        }

        @Test
        void yamlWithOnlyAComment() {
            Problem p = fileProblem(reader.read(utf8("# nothing here yet\n"), "profile.yaml"));
            assertThat(p.message()).contains("empty");
        }

        @Test
        void jsonMissingAClosingBrace() {
            String text = new String(writer.write(motor(), ProfileFormat.JSON), StandardCharsets.UTF_8);
            String broken = text.replaceFirst("\\}\\s*,\\s*\\{", ", {");
            assertThat(broken).isNotEqualTo(text);
            Problem p = fileProblem(reader.read(utf8(broken), "profile.json"));
            assertThat(p.message()).startsWith("malformed JSON at line ");
        }

        @Test
        void jsonMissingItsLastBrace() {
            String text = new String(writer.write(motor(), ProfileFormat.JSON), StandardCharsets.UTF_8).strip();
            Problem p = fileProblem(reader.read(utf8(text.substring(0, text.length() - 1)), "profile.json"));
            assertThat(p.message()).startsWith("malformed JSON");
            assertThat(p.suggestion()).contains("cut off");
        }

        @Test
        void truncatedJson() {
            byte[] json = writer.write(motor(), ProfileFormat.JSON);
            Problem p = fileProblem(reader.read(Arrays.copyOf(json, json.length / 2), "profile.json"));
            assertThat(p.message()).startsWith("malformed JSON");
            assertThat(p.suggestion()).contains("cut off");
        }

        @Test
        void truncatedYamlIsInvalid() {
            byte[] yaml = writer.write(motor(), ProfileFormat.YAML);
            List<Problem> problems = invalid(reader.read(Arrays.copyOf(yaml, yaml.length / 2), "profile.yaml"));
            // YAML has no closing brackets: a cut document may still parse, and then fields are missing
            assertThat(problems).extracting(Problem::path).containsAnyOf(Problem.FILE, "rul");
        }

        @Test
        void yamlCutInsideAQuotedString() {
            Problem p = fileProblem(reader.read(utf8("machine_id: \"motor_00"), "profile.yaml"));
            assertThat(p.message()).startsWith("malformed YAML");
        }

        @Test
        void yamlWithBadIndentation() {
            String yaml = """
                    machine_id: motor_001
                      machine_type: motor
                    sensors:
                      - name: bearing_temp_C
                         unit: C
                    """;
            Problem p = fileProblem(reader.read(utf8(yaml), "profile.yaml"));
            assertThat(p.message()).startsWith("malformed YAML at line ");
            assertThat(p.suggestion()).contains("indentation");
        }

        @Test
        void truncatedXlsx() throws IOException {
            byte[] xlsx = writer.write(motor(), ProfileFormat.XLSX);
            Problem p = fileProblem(reader.read(write("profile.xlsx", Arrays.copyOf(xlsx, xlsx.length / 2))));
            assertThat(p.message()).contains("damaged");
            assertThat(p.suggestion()).contains(".xlsx");
        }

        @Test
        void zipWithoutAWorkbook() throws IOException {
            Path file = dir.resolve("profile.xlsx");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
                zip.putNextEntry(new ZipEntry("hello.txt"));
                zip.write(utf8("hello"));
                zip.closeEntry();
            }
            fileProblem(reader.read(file));
        }
    }

    @Nested
    class HostileFiles {
        @Test
        void aYamlFileWithOneHugeValueIsRefusedBeforeItIsParsed() {
            // one 3 MB value: what took SnakeYAML 57 s to read
            byte[] yaml = ("machine_id: pump_big_001\ndescription: " + "x".repeat(3 * 1024 * 1024) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            Problem p = fileProblem(reader.read(yaml, "big.yaml"));
            assertThat(p.message()).contains("YAML profiles are limited to 256 KB");
            assertThat(p.suggestion()).contains("JSON");
            // below the limit it is read as usual (and judged on its fields)
            byte[] smaller = ("machine_id: pump_big_001\ndescription: " + "x".repeat(100 * 1024) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(reader.read(smaller, "smaller.yaml")).isInstanceOf(ProfileRead.Invalid.class);
            assertThat(((ProfileRead.Invalid) reader.read(smaller, "smaller.yaml")).problems())
                    .noneMatch(q -> q.message().contains("limited to"));
        }

        @Test
        void overTenMegabytesByPath() throws IOException {
            Path file = dir.resolve("big.json");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(ProfileReader.MAX_BYTES + 1);
            }
            Problem p = fileProblem(reader.read(file));
            assertThat(p.message())
                    .contains(String.valueOf(ProfileReader.MAX_BYTES + 1))
                    .contains("10 MB");
            assertThat(p.suggestion()).contains("50 sensors");
        }

        @Test
        void exactlyTenMegabytesIsNotRefusedForItsSize() throws IOException {
            byte[] bytes = new byte[(int) ProfileReader.MAX_BYTES];
            Arrays.fill(bytes, (byte) ' ');
            byte[] json = utf8("{\"machine_id\": 1}");
            System.arraycopy(json, 0, bytes, 0, json.length);
            List<Problem> problems = invalid(reader.read(bytes, "profile.json"));
            assertThat(problems).noneMatch(p -> p.message().contains("10 MB"));
        }

        @Test
        void overTenMegabytesAsBytes() {
            byte[] bytes = new byte[(int) ProfileReader.MAX_BYTES + 1];
            Arrays.fill(bytes, (byte) ' ');
            Problem p = fileProblem(reader.read(bytes, "profile.yaml"));
            assertThat(p.message()).contains("10 MB");
        }

        @Test
        void anEndlessStreamIsCutAtTheLimit() throws IOException {
            InputStream endless = new InputStream() {
                long served;

                @Override
                public int read() {
                    served++;
                    return ' ';
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    Arrays.fill(b, off, off + len, (byte) ' ');
                    served += len;
                    return len;
                }
            };
            Problem p = fileProblem(reader.read(endless, "profile.yaml"));
            assertThat(p.message()).contains("10 MB");
        }

        @Test
        void billionLaughsIsRefusedForItsAliases() {
            StringBuilder yaml = new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int i = 1; i <= 9; i++) {
                yaml.append("lol").append(i).append(": &l").append(i).append(" [");
                for (int j = 0; j < 9; j++) {
                    yaml.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
                }
                yaml.append("]\n");
            }
            yaml.append("machine_id: bomb_001\n");
            Problem p = fileProblem(reader.read(utf8(yaml.toString()), "profile.yaml"));
            assertThat(p.message()).containsIgnoringCase("alias");
            assertThat(p.suggestion()).contains("anchors and aliases");
        }

        @Test
        void aScalarAliasIsRefusedRatherThanReadAsItsAnchorName() {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8)
                    .replace("manufacturer: Siemens", "manufacturer: &maker Siemens")
                    .replaceFirst("model: .*", "model: *maker");
            assertThat(yaml).contains("&maker").contains("*maker");
            Problem p = fileProblem(reader.read(utf8(yaml), "profile.yaml"));
            assertThat(p.message()).contains("aliases").contains("*maker");
            assertThat(p.suggestion()).contains("anchors and aliases");
        }

        @Test
        void anAnchorWithoutAnAliasIsHarmless() {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8)
                    .replace("manufacturer: Siemens", "manufacturer: &maker Siemens");
            assertThat(valid(reader.read(utf8(yaml), "profile.yaml"))).isEqualTo(motor());
        }

        @Test
        void deepNestingIsRefused() {
            String yaml = "machine_id: " + "[".repeat(200) + "]".repeat(200) + "\n";
            Problem p = fileProblem(reader.read(utf8(yaml), "profile.yaml"));
            assertThat(p.message()).contains("nesting depth");
        }

        @Test
        void deepJsonNestingIsRefused() {
            String json = "{\"machine_id\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
            Problem p = fileProblem(reader.read(utf8(json), "profile.json"));
            assertThat(p.message()).contains("nesting depth");
        }

        @Test
        void zipBombDisguisedAsXlsxIsRefused() throws IOException {
            Path file = dir.resolve("profile.xlsx");
            try (OutputStream out = Files.newOutputStream(file);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
                zip.write(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                byte[] spaces = new byte[1 << 20];
                Arrays.fill(spaces, (byte) ' ');
                for (int i = 0; i < 200; i++) {
                    zip.write(spaces);
                }
                zip.closeEntry();
            }
            assertThat(Files.size(file)).isLessThan(2L * 1024 * 1024);
            Problem p = fileProblem(reader.read(file));
            assertThat(p.message()).contains("zip bomb");
        }
    }

    @Nested
    class Documents {
        @Test
        void duplicateJsonKeysAreRefused() {
            String json = new String(writer.write(motor(), ProfileFormat.JSON), StandardCharsets.UTF_8)
                    .replaceFirst("\\{", "{\"machine_id\": \"other_001\",");
            Problem p = fileProblem(reader.read(utf8(json), "profile.json"));
            assertThat(p.message()).containsIgnoringCase("duplicate").contains("machine_id");
            assertThat(p.suggestion()).contains("repeated field");
        }

        @Test
        void duplicateYamlKeysAreRefused() {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8)
                    + "machine_id: other_001\n";
            Problem p = fileProblem(reader.read(utf8(yaml), "profile.yaml"));
            assertThat(p.message()).containsIgnoringCase("duplicate");
        }

        @Test
        void contentAfterTheJsonObjectIsRefused() {
            String json = new String(writer.write(motor(), ProfileFormat.JSON), StandardCharsets.UTF_8);
            for (String tail : List.of("}", "{\"machine_id\": \"second_001\"}", "x")) {
                Problem p = fileProblem(reader.read(utf8(json + tail), "profile.json"));
                assertThat(p.message()).as(tail).startsWith("malformed JSON");
            }
        }

        @Test
        void aSecondYamlDocumentIsRefused() {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8);
            Problem p =
                    fileProblem(reader.read(utf8("---\n" + yaml + "---\nmachine_id: second_001\n"), "profile.yaml"));
            assertThat(p.message()).startsWith("malformed YAML");
            assertThat(p.suggestion()).contains("one profile");
        }

        @Test
        void oneYamlDocumentWithItsMarkersIsFine() {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8);
            assertThat(valid(reader.read(utf8("%YAML 1.1\n---\n" + yaml + "...\n# the end\n"), "profile.yaml")))
                    .isEqualTo(motor());
        }

        @Test
        void topLevelArrayIsRefused() {
            String json = "[" + new String(writer.write(motor(), ProfileFormat.JSON), StandardCharsets.UTF_8) + "]";
            Problem p = fileProblem(reader.read(utf8(json), "profile.json"));
            assertThat(p.message()).contains("mapping");
            assertThat(p.suggestion()).contains("template");
        }

        @Test
        void topLevelScalarIsRefused() {
            Problem p = fileProblem(reader.read(utf8("just some words\n"), "profile.yaml"));
            assertThat(p.message()).contains("mapping");
        }

        @Test
        void nonFiniteJsonNumbersAreRefused() {
            String json = new String(writer.write(motor(), ProfileFormat.JSON), StandardCharsets.UTF_8)
                    .replace("\"base\" : 40.0", "\"base\" : NaN");
            assertThat(json).contains("NaN");
            fileProblem(reader.read(utf8(json), "profile.json"));
        }

        @ParameterizedTest
        @ValueSource(strings = {".nan", ".NaN", ".inf", "-.inf", "+.Inf"})
        void yamlSpecialFloatsAreRefused(String value) {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8)
                    .replace("base: 40.0", "base: " + value);
            assertThat(yaml).contains("base: " + value);
            Problem p = fileProblem(reader.read(utf8(yaml), "profile.yaml"));
            assertThat(p.message()).contains("line 9").contains(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e999\"", "'0x10'"})
        void nonFiniteNumbersInQuotesAreRefusedAtTheirPath(String value) {
            String yaml = new String(writer.write(motor(), ProfileFormat.YAML), StandardCharsets.UTF_8)
                    .replace("base: 40.0", "base: " + value);
            assertThat(yaml).contains("base: " + value);
            Problem p = onlyProblem(invalid(reader.read(utf8(yaml), "profile.yaml")), "sensors[0].base");
            assertThat(p.message()).contains("must be a number");
            assertThat(p.suggestion()).contains("base");
        }

        @Test
        void unknownTopLevelFieldGetsADidYouMean() throws IOException {
            List<Problem> problems = invalid(readEditedJson(t -> t.set("sensor", t.remove("sensors"))));
            Problem p = problemAt(problems, "sensor");
            assertThat(p.message()).contains("unknown field 'sensor'");
            assertThat(p.suggestion()).startsWith("did you mean 'sensors'?");
            // and the sensors, now missing, are reported too
            assertThat(problems).extracting(Problem::path).contains("sensors");
        }

        @Test
        void unknownNestedFieldsGetADidYouMean() throws IOException {
            List<Problem> problems = invalid(readEditedJson(t -> {
                ((ObjectNode) t.get("sensors").get(1)).put("nosie", 0.1);
                ((ObjectNode) t.get("rul")).put("max_rull", 10);
                ((ObjectNode) t.get("failure_modes").get(0)).put("weigth", 1);
            }));
            assertThat(problems)
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder("sensors[1].nosie", "rul.max_rull", "failure_modes[0].weigth");
            assertThat(problemAt(problems, "sensors[1].nosie").suggestion()).startsWith("did you mean 'noise'?");
            assertThat(problemAt(problems, "rul.max_rull").suggestion()).startsWith("did you mean 'max_rul'?");
            assertThat(problemAt(problems, "failure_modes[0].weigth").suggestion())
                    .startsWith("did you mean 'weight'?");
        }

        @Test
        void unknownFieldFarFromAnyNameIsToBeRemoved() throws IOException {
            Problem p = onlyProblem(invalid(readEditedJson(t -> t.put("xyzzy_plugh", 1))), "xyzzy_plugh");
            assertThat(p.suggestion()).startsWith("remove it");
        }

        @Test
        void numberGivenAsTextIsReportedOnceAtItsPath() throws IOException {
            Problem p = onlyProblem(
                    invalid(readEditedJson(t -> ((ObjectNode) t.get("sensors").get(0)).put("base", "forty"))),
                    "sensors[0].base");
            assertThat(p.message()).isEqualTo("must be a number, got 'forty'");
            assertThat(p.suggestion()).contains("plain number");
        }

        @Test
        void numbersInQuotesAreAccepted() throws IOException {
            ProfileRead read = readEditedJson(t -> {
                ((ObjectNode) t.get("sensors").get(0)).put("base", " 40 ");
                ((ObjectNode) t.get("rul")).put("cycles", "3");
            });
            assertThat(valid(read)).isEqualTo(motor());
        }

        @Test
        void fractionalCyclesAreRefused() throws IOException {
            Problem p = onlyProblem(
                    invalid(readEditedJson(t -> ((ObjectNode) t.get("rul")).put("cycles", 2.5))), "rul.cycles");
            assertThat(p.message()).contains("whole number");
        }

        @Test
        void wrongShapesAreReportedAtTheirPaths() throws IOException {
            List<Problem> problems = invalid(readEditedJson(t -> {
                t.put("operational_parameters", "none");
                t.putArray("rul");
                ((ArrayNode) t.get("failure_modes")).add("bearing_wear");
                ((ArrayNode) t.get("sensors")).add(42);
                t.putObject("model");
            }));
            assertThat(problems)
                    .extracting(Problem::path)
                    .containsExactlyInAnyOrder(
                            "operational_parameters", "rul", "failure_modes[1]", "sensors[2]", "model");
        }

        @Test
        void missingFieldsAreEachReported() {
            List<Problem> problems = invalid(reader.read(utf8("{\"sensors\": [{}], \"rul\": {}}"), "profile.json"));
            assertThat(problems)
                    .extracting(Problem::path)
                    .contains(
                            "machine_id",
                            "machine_type",
                            "sensors[0].name",
                            "sensors[0].unit",
                            "sensors[0].base",
                            "sensors[0].range",
                            "sensors[0].noise",
                            "rul.max_rul",
                            "rul.cycles",
                            "rul.degradation_pattern");
            assertThat(problems).extracting(Problem::path).doesNotHaveDuplicates();
        }

        @ParameterizedTest
        @EnumSource(ProfileFormat.class)
        void aProfileThatReadsButBreaksARuleIsInvalid(ProfileFormat format) {
            MachineProfile tooManyCycles =
                    Fixtures.withRul(motor(), new RulSettings(1000, 21, DegradationPattern.LINEAR_SLOW, 10));
            onlyProblem(
                    invalid(reader.read(writer.write(tooManyCycles, format), "p." + format.extension())), "rul.cycles");
        }
    }
}
