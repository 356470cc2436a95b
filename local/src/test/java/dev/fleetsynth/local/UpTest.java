package dev.fleetsynth.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpTest {
    @TempDir
    Path data;

    @Test
    void theFirstStartPrintsTheGeneratedPasswordOnceThenOnlyWhereItIsKept() throws Exception {
        long started = System.nanoTime();
        assertThat(Up.loginHint(data, started)).contains("FLEETSYNTH_ADMIN_PASSWORD");
        Path file = Files.createDirectories(data.resolve("auth")).resolve("admin-password");
        Files.writeString(file, "s3cret-generated\n");
        assertThat(Up.loginHint(data, started))
                .contains("password s3cret-generated")
                .contains("printed this once");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(Up.loginHint(data, started)).doesNotContain("s3cret").contains(file.toString());
    }
}
