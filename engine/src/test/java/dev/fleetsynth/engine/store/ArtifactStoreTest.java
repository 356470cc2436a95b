package dev.fleetsynth.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
    @TempDir
    Path root;

    @Test
    void layoutFollowsTheDesign() {
        assertThat(ArtifactStore.profilePath("pump_a", 3)).isEqualTo("machines/pump_a/profile/v3.json");
        assertThat(ArtifactStore.seedPath("pump_a", "s1")).isEqualTo("machines/pump_a/seed/s1.parquet");
        assertThat(ArtifactStore.holdoutPath(ArtifactStore.seedPath("pump_a", "s1")))
                .isEqualTo("machines/pump_a/seed/s1.holdout.parquet");
        assertThat(ArtifactStore.modelPath("pump_a", "m1")).isEqualTo("machines/pump_a/models/m1");
        assertThat(ArtifactStore.datasetPath("pump_a", "d1")).isEqualTo("machines/pump_a/datasets/d1");
    }

    @Test
    void pathsOutsideTheRootAndOddIdsAreRefused() {
        ArtifactStore store = new ArtifactStore(root);
        assertThatThrownBy(() -> store.resolve("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.resolve("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArtifactStore.seedPath("../x", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArtifactStore.modelPath("m", "a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDirectoryAppearsWholeOrNotAtAll() throws IOException {
        ArtifactStore store = new ArtifactStore(root);
        String dir = ArtifactStore.datasetPath("pump_a", "d1");
        assertThatThrownBy(() -> store.writeDirectory(dir, tmp -> {
                    Files.writeString(tmp.resolve("train.parquet"), "half");
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(store.exists(dir)).isFalse();
        try (Stream<Path> left = Files.list(store.resolve("machines/pump_a/datasets"))) {
            assertThat(left).isEmpty();
        }

        assertThat(store.writeDirectory(dir, tmp -> Files.writeString(tmp.resolve("train.parquet"), "first")))
                .isTrue();
        assertThat(store.writeDirectory(dir, tmp -> Files.writeString(tmp.resolve("train.parquet"), "second")))
                .isFalse();
        assertThat(Files.readString(store.resolve(dir + "/train.parquet"))).isEqualTo("first");
    }
}
