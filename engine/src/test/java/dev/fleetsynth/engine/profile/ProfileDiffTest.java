package dev.fleetsynth.engine.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void reportsChangedAddedAndRemovedFieldsBySensorName() throws Exception {
        var before = json.readTree("""
                {"machine_id":"p","rul":{"max_rul":1000,"cycles":3},
                 "sensors":[{"name":"temp","base":40},{"name":"vib","base":2}]}""");
        var after = json.readTree("""
                {"machine_id":"p","rul":{"max_rul":1200,"cycles":3},"model":"X",
                 "sensors":[{"name":"flow","base":9},{"name":"temp","base":41}]}""");
        List<ProfileDiff.Change> changes = ProfileDiff.between(before, after);
        assertThat(changes)
                .extracting(c -> c.path() + " " + c.kind())
                .containsExactly(
                        "rul.max_rul CHANGED",
                        "sensors[temp].base CHANGED",
                        "sensors[vib] REMOVED",
                        "sensors[flow] ADDED",
                        "model ADDED");
        assertThat(changes.get(0).before().asInt()).isEqualTo(1000);
        assertThat(changes.get(0).after().asInt()).isEqualTo(1200);
    }

    @Test
    void identicalProfilesHaveNoChanges() throws Exception {
        var a = json.readTree("{\"sensors\":[{\"name\":\"t\",\"base\":1}],\"x\":[1,2]}");
        assertThat(ProfileDiff.between(a, a.deepCopy())).isEmpty();
    }
}
