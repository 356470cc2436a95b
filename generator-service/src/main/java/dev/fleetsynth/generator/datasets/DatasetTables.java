package dev.fleetsynth.generator.datasets;

import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a dataset's splits and seeds as tables, keeping the few most recently used in memory: the
 * explorer pages through one split many times in a row, and the files never change once written,
 * so a kept table is never stale. A 50,000-row split of a dozen readings is about 5 MB.
 */
@ApplicationScoped
public class DatasetTables {
    static final int KEPT = 6;

    @Inject
    ArtifactStore store;

    private final Map<Path, SourceTable> recent = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, SourceTable> eldest) {
            return size() > KEPT;
        }
    };

    public Path file(Dataset d, Split split) {
        return store.resolve(d.path).resolve(split.fileName());
    }

    public SourceTable split(Dataset d, Split split) {
        return read(file(d, split));
    }

    /** The seed the dataset's model learnt. */
    public SourceTable seed(Dataset d) {
        return read(store.resolve(d.seedPath));
    }

    public SourceTable read(Path file) {
        synchronized (recent) {
            SourceTable kept = recent.get(file);
            if (kept != null) {
                return kept;
            }
        }
        // Read outside the lock: two first readers may both read, which costs time but is harmless.
        SourceTable table;
        try {
            table = SourceFiles.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.root().relativize(file), e);
        }
        synchronized (recent) {
            recent.put(file, table);
        }
        return table;
    }
}
