package dev.fleetsynth.engine.store;

import dev.fleetsynth.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the platform keeps its files: profiles, seeds, models and datasets, under one root that
 * every service sees (a directory locally, a shared volume on Kubernetes). Paths in events and
 * tables are relative to the root. Artifacts are versioned and never overwritten:
 * <pre>
 * machines/{machine_id}/profile/v{n}.json
 * machines/{machine_id}/seed/{seed_id}.parquet + {seed_id}.holdout.parquet
 * machines/{machine_id}/models/{model_id}/model.params + model.json
 * machines/{machine_id}/datasets/{dataset_id}/{train,val,test}.parquet + quality.json
 * </pre>
 */
public final class ArtifactStore {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");
    private static final String PARQUET = ".parquet";

    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public static String profilePath(String machineId, int version) {
        return machine(machineId) + "/profile/v" + version + ".json";
    }

    public static String seedPath(String machineId, String seedId) {
        return machine(machineId) + "/seed/" + id(seedId) + PARQUET;
    }

    /**
     * Where the holdout of the seed at {@code seedPath} lies: beside it, a second draw of the
     * simulator that quality reports test their RUL regressors on.
     */
    public static String holdoutPath(String seedPath) {
        if (!seedPath.endsWith(PARQUET)) {
            throw new IllegalArgumentException("a seed path ends in " + PARQUET + ", got '" + seedPath + "'");
        }
        return seedPath.substring(0, seedPath.length() - PARQUET.length()) + ".holdout" + PARQUET;
    }

    public static String modelPath(String machineId, String modelId) {
        return machine(machineId) + "/models/" + id(modelId);
    }

    public static String datasetPath(String machineId, String datasetId) {
        return machine(machineId) + "/datasets/" + id(datasetId);
    }

    /** The absolute path of a relative artifact path; refuses paths that leave the root. */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || Path.of(relative).isAbsolute()) {
            throw new IllegalArgumentException("artifact path '" + relative + "' is outside the artifact store");
        }
        return p;
    }

    public boolean exists(String relative) {
        return Files.exists(resolve(relative));
    }

    /** Writes a file all or nothing (temporary file, then rename). */
    public void writeFile(String relative, AtomicFiles.Writer writer) throws IOException {
        AtomicFiles.write(resolve(relative), writer);
    }

    public void writeFile(String relative, byte[] content) throws IOException {
        AtomicFiles.write(resolve(relative), content);
    }

    /**
     * Writes a directory all or nothing. Returns false, writing nothing, when it already exists:
     * a redelivered job finds its own finished output and keeps it.
     */
    public boolean writeDirectory(String relative, AtomicFiles.Writer writer) throws IOException {
        return AtomicFiles.writeDirectory(resolve(relative), writer);
    }

    private static String machine(String machineId) {
        return "machines/" + id(machineId);
    }

    private static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a valid artifact id: '" + id + "'");
        }
        return id;
    }
}
