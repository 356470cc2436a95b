package dev.fleetsynth.engine.tvae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.catalog.Catalog;
import dev.fleetsynth.engine.seed.SeedGenerator;
import dev.fleetsynth.engine.seed.SeedOptions;
import dev.fleetsynth.engine.table.Column;
import dev.fleetsynth.engine.table.ColumnTable;
import dev.fleetsynth.engine.table.SensorTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TvaeModelTest {
    static SensorTable seed;
    static TvaeModel model;

    @BeforeAll
    static void trainOnce() {
        seed = SeedGenerator.generate(
                Catalog.profile("motor_siemens_1la7_001").orElseThrow(), new SeedOptions(2_000, 3));
        model = TvaeModel.train(
                seed, TvaeConfig.defaults().withEpochs(15).withSeed(4), TrainingListener.NONE, () -> false);
    }

    @Test
    void samplesHaveTheSeedsColumnsWithinItsBounds() {
        ColumnTable sample = model.sample(3_000, 1);
        assertThat(sample.rows()).isEqualTo(3_000);
        assertThat(sample.names())
                .containsExactly("rul", "bearing_de_temp_C", "winding_temp_C", "vibration_mm_s", "current_A");
        double[] rul = ((Column.Numeric) sample.column("rul").orElseThrow()).values();
        double seedMax = Arrays.stream(seed.rul()).max().orElseThrow();
        assertThat(Arrays.stream(rul).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(rul).max().orElseThrow()).isLessThanOrEqualTo(seedMax);
        double[] vib = ((Column.Numeric) sample.column("vibration_mm_s").orElseThrow()).values();
        double[] seedVib = seed.sensor("vibration_mm_s");
        assertThat(Arrays.stream(vib).min().orElseThrow())
                .isGreaterThanOrEqualTo(Arrays.stream(seedVib).min().orElseThrow());
        assertThat(Arrays.stream(vib).max().orElseThrow())
                .isLessThanOrEqualTo(Arrays.stream(seedVib).max().orElseThrow());
        assertThat(model.info().machineId()).isEqualTo("motor_siemens_1la7_001");
        assertThat(model.info().rowsPerCycle()).isCloseTo(2_000 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(model.training().lossCurve()).hasSize(15);
    }

    @Test
    void sameSeedSameSamplesAnotherSeedOthers() {
        assertThat(same(model.sample(500, 9), model.sample(500, 9))).isTrue();
        assertThat(same(model.sample(500, 9), model.sample(500, 10))).isFalse();
    }

    @Test
    void savedModelLoadsAndSamplesIdentically(@TempDir Path dir) throws IOException {
        model.save(dir);
        assertThat(dir.resolve(TvaeModel.PARAMS_FILE)).exists();
        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(TvaeModel.JSON_FILE).toFile());
        assertThat(json.get("format").asText()).isEqualTo("fleetsynth-tvae");
        assertThat(json.get("config").get("epochs").asInt()).isEqualTo(15);
        assertThat(json.get("training").get("loss_curve")).hasSize(15);
        assertThat(json.get("training").get("final_loss").asDouble())
                .isEqualTo(model.training().finalLoss());
        assertThat(json.get("versions").get("djl").asText()).isEqualTo("0.35.1");
        // the build's own version, not the "null" a class's package gave where the manifest was not read
        assertThat(json.get("versions").get("fleetsynth").asText())
                .isEqualTo(dev.fleetsynth.engine.FleetsynthVersion.current())
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(json.get("bounds").get("rul")).hasSize(2);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.json", "model.params");
        }
        TvaeModel loaded = TvaeModel.load(dir);
        assertThat(same(loaded.sample(2_000, 5), model.sample(2_000, 5))).isTrue();
        assertThat(loaded.training().lossCurve())
                .containsExactly(model.training().lossCurve());
    }

    @Test
    void damagedOrMissingFilesAreRefused(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> TvaeModel.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no complete model");
        model.save(dir);
        byte[] params = Files.readAllBytes(dir.resolve(TvaeModel.PARAMS_FILE));
        params[100] ^= 0x40;
        Files.write(dir.resolve(TvaeModel.PARAMS_FILE), params);
        assertThatThrownBy(() -> TvaeModel.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");
        Files.write(dir.resolve(TvaeModel.PARAMS_FILE), Arrays.copyOf(params, params.length / 2));
        assertThatThrownBy(() -> TvaeModel.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("parameters");
    }

    static boolean same(ColumnTable a, ColumnTable b) {
        if (!a.names().equals(b.names())) {
            return false;
        }
        for (int i = 0; i < a.columns().size(); i++) {
            if (!Arrays.equals(
                    ((Column.Numeric) a.columns().get(i)).values(),
                    ((Column.Numeric) b.columns().get(i)).values())) {
                return false;
            }
        }
        return true;
    }
}
