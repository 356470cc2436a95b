package dev.fleetsynth.profile.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.engine.profile.MachineProfile;
import dev.fleetsynth.engine.profile.Problem;
import dev.fleetsynth.engine.profile.ProfileDiff;
import dev.fleetsynth.engine.profile.ProfileFormat;
import dev.fleetsynth.engine.profile.ProfileRead;
import dev.fleetsynth.engine.profile.ProfileReader;
import dev.fleetsynth.engine.profile.ProfileWriter;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.events.MachineCreated;
import dev.fleetsynth.events.MachineDeleted;
import dev.fleetsynth.events.Pipeline;
import dev.fleetsynth.profile.intake.ProfileIntake;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.kafka.EventPublisher;
import dev.fleetsynth.support.kafka.Outbox;
import dev.fleetsynth.support.kafka.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Machines and their profile versions. Each version's profile is written to the artifact store
 * before its row commits, so a row never points at a missing file; {@code machine.created} goes
 * out after the commit, so no consumer hears of a machine that is not there.
 */
@ApplicationScoped
public class MachineService {
    @Schema(requiredProperties = {"version", "created_at"})
    public record VersionView(
            int version,
            String comment,
            String profilePath,
            Instant createdAt,

            @Schema(ref = "Profile") JsonNode profile) {}

    @Schema(requiredProperties = {"machine_id", "from", "to", "changes"})
    public record Diff(String machineId, int from, int to, List<ProfileDiff.Change> changes) {}

    @Inject
    ArtifactStore store;

    @Inject
    EventPublisher events;

    @Inject
    OutboxRelay outbox;

    @Inject
    ObjectMapper json;

    private final ProfileWriter writer = new ProfileWriter();
    private final ProfileReader reader = new ProfileReader();

    public MachineView create(MachineProfile profile, Pipeline pipeline, String source) {
        MachineView view = QuarkusTransaction.requiringNew().call(() -> {
            if (Machine.findById(profile.machineId()) != null) {
                throw new ApiException(
                        409,
                        new ApiError(
                                "MACHINE_EXISTS",
                                "machine '" + profile.machineId() + "' already exists",
                                List.of(new ApiError.Detail(
                                        "machine_id",
                                        "already in use",
                                        "choose another machine_id, or add a version with PUT /machines/"
                                                + profile.machineId() + "/profile"))));
            }
            Instant now = Instant.now();
            Machine m = new Machine();
            m.machineId = profile.machineId();
            m.createdAt = now;
            m.pipeline = pipeline.json();
            m.source = source;
            apply(m, profile, 1, now);
            m.persist();
            addVersion(m, profile, "created", now);
            return MachineView.of(m, null);
        });
        events.publish(MachineCreated.now(
                view.machineId(), view.machineType(), 1, ArtifactStore.profilePath(view.machineId(), 1), pipeline));
        return view;
    }

    public List<MachineView> list(String category) {
        List<Machine> machines = category == null || category.isBlank()
                ? Machine.listAll(io.quarkus.panache.common.Sort.by("machineId"))
                : Machine.list("machineType = ?1 order by machineId", category.toLowerCase(Locale.ROOT));
        return machines.stream().map(m -> MachineView.of(m, null)).toList();
    }

    public MachineView get(String machineId) {
        Machine m = require(machineId);
        return MachineView.of(m, tree(ProfileVersion.of(machineId, m.currentVersion)));
    }

    public MachineProfile currentProfile(String machineId) {
        Machine m = require(machineId);
        return parse(ProfileVersion.of(machineId, m.currentVersion));
    }

    public MachineView edit(String machineId, MachineProfile profile, String comment) {
        if (!profile.machineId().equals(machineId)) {
            throw ProfileIntake.invalid(List.of(new Problem(
                    "machine_id",
                    "the profile is for '" + profile.machineId() + "', not '" + machineId + "'",
                    "set machine_id to '" + machineId + "' (a machine cannot be renamed)")));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Machine m = Machine.findById(machineId, LockModeType.PESSIMISTIC_WRITE);
            if (m == null) {
                throw ApiException.notFound("machine '" + machineId + "'");
            }
            Instant now = Instant.now();
            apply(m, profile, m.currentVersion + 1, now);
            addVersion(m, profile, comment == null || comment.isBlank() ? "edited" : comment, now);
            return MachineView.of(m, null);
        });
    }

    public MachineView restore(String machineId, int version) {
        ProfileVersion old = requireVersion(machineId, version);
        return edit(machineId, parse(old), "restored from v" + version);
    }

    public List<VersionView> versions(String machineId) {
        require(machineId);
        return ProfileVersion.of(machineId).stream()
                .map(v -> new VersionView(v.version, v.comment, v.profilePath, v.createdAt, null))
                .toList();
    }

    public VersionView version(String machineId, int version) {
        ProfileVersion v = requireVersion(machineId, version);
        return new VersionView(v.version, v.comment, v.profilePath, v.createdAt, tree(v));
    }

    public Diff diff(String machineId, int from, int to) {
        return new Diff(
                machineId,
                from,
                to,
                ProfileDiff.between(tree(requireVersion(machineId, from)), tree(requireVersion(machineId, to))));
    }

    /**
     * Deletes the machine, its versions and their files, and announces it: the other services remove
     * the machine's seeds, models, datasets and tasks. The announcement is recorded in the outbox in
     * the deletion's own transaction and published after its commit, so the other services hear of a
     * deletion exactly when it happened: a failed commit announces nothing, and a service that stops
     * after the commit has its relay send it within seconds.
     */
    public void delete(String machineId) {
        List<String> files = new java.util.ArrayList<>();
        MachineDeleted announced = MachineDeleted.now(machineId);
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> {
            ProfileVersion.of(machineId).forEach(v -> files.add(v.profilePath));
            ProfileVersion.delete("machineId", machineId);
            boolean gone = Machine.deleteById(machineId);
            if (gone) {
                Outbox.announce(announced);
            }
            return gone;
        });
        if (!deleted) {
            throw ApiException.notFound("machine '" + machineId + "'");
        }
        outbox.sendAnnounced(announced);
        for (String f : files) {
            try {
                java.nio.file.Files.deleteIfExists(store.resolve(f));
            } catch (java.io.IOException e) {
                // the rows are gone, so nothing points at it: a leftover file, not a broken machine
                org.jboss.logging.Logger.getLogger(MachineService.class)
                        .warnf("could not remove %s: %s", f, e.getMessage());
            }
        }
    }

    public byte[] write(MachineProfile profile, ProfileFormat format) {
        return writer.write(profile, format);
    }

    private void apply(Machine m, MachineProfile profile, int version, Instant now) {
        m.machineType = profile.machineType();
        m.manufacturer = profile.manufacturer();
        m.model = profile.model();
        m.sensorCount = profile.sensors().size();
        m.currentVersion = version;
        m.updatedAt = now;
    }

    private void addVersion(Machine m, MachineProfile profile, String comment, Instant now) {
        byte[] content = writer.write(profile, ProfileFormat.JSON);
        String path = ArtifactStore.profilePath(m.machineId, m.currentVersion);
        try {
            store.writeFile(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        ProfileVersion v = new ProfileVersion();
        v.machineId = m.machineId;
        v.version = m.currentVersion;
        v.profileJson = new String(content, java.nio.charset.StandardCharsets.UTF_8);
        v.profilePath = path;
        v.comment = comment;
        v.createdAt = now;
        v.persist();
    }

    private static Machine require(String machineId) {
        Machine m = Machine.findById(machineId);
        if (m == null) {
            throw ApiException.notFound("machine '" + machineId + "'");
        }
        return m;
    }

    private static ProfileVersion requireVersion(String machineId, int version) {
        require(machineId);
        ProfileVersion v = ProfileVersion.of(machineId, version);
        if (v == null) {
            throw ApiException.notFound("version " + version + " of machine '" + machineId + "'");
        }
        return v;
    }

    private JsonNode tree(ProfileVersion v) {
        try {
            return json.readTree(v.profileJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MachineProfile parse(ProfileVersion v) {
        ProfileRead read = reader.read(v.profileJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), "profile.json");
        if (read instanceof ProfileRead.Valid valid) {
            return valid.profile();
        }
        throw new IllegalStateException("stored version " + v.version + " of " + v.machineId + " no longer validates");
    }
}
