package dev.fleetsynth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiContractTest {
    private static final String SEED = "{\"components\":{\"schemas\":{"
            + "\"JobView\":{\"type\":\"object\",\"properties\":{\"error\":{\"$ref\":\"#/components/schemas/Error\"}}},"
            + "\"Error\":{\"type\":\"object\",\"required\":[\"code\"]}}}}";

    @TempDir
    Path dir;

    @Test
    void aServicesSchemasAreCopiedUnderItsPrefixWithTheirReferences() throws Exception {
        Path copy = dir.resolve("openapi.json");
        assertThat(OpenApiContract.differences("seed", SEED, copy, false))
                .containsExactly("seed.Error is missing from the copy", "seed.JobView is missing from the copy");

        assertThat(OpenApiContract.differences("seed", SEED, copy, true)).isEmpty();
        assertThat(Files.readString(copy)).contains("\"$ref\" : \"#/components/schemas/seed.Error\"");
        assertThat(OpenApiContract.differences("seed", SEED, copy, false)).isEmpty();

        // another service's part of the copy is its own: writing one leaves the other as it was
        assertThat(OpenApiContract.differences("trainer", SEED, copy, true)).isEmpty();
        assertThat(OpenApiContract.differences("seed", SEED, copy, false)).isEmpty();

        String changed = SEED.replace("\"required\":[\"code\"]", "\"required\":[\"code\",\"message\"]");
        assertThat(OpenApiContract.differences("seed", changed, copy, false)).containsExactly("seed.Error differs");
        String removed = "{\"components\":{\"schemas\":{\"Error\":{\"type\":\"object\",\"required\":[\"code\"]}}}}";
        assertThat(OpenApiContract.differences("seed", removed, copy, false))
                .containsExactly("seed.JobView is in the copy only");
    }
}
