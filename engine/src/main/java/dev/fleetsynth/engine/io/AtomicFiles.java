package dev.fleetsynth.engine.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes that are all or nothing: the content goes to a hidden temporary file beside the target and
 * is renamed over it once complete, so a crash never leaves a half-written file under the real name.
 */
public final class AtomicFiles {
    /** Writes the content of a file at the given temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            writer.writeTo(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, temporary -> Files.write(temporary, content));
    }

    /**
     * Fills a hidden temporary directory beside {@code target} and renames it to {@code target}
     * once complete. A directory that already exists is complete (it only ever appears by this
     * rename) and is kept: the return value says whether this call created it.
     */
    public static boolean writeDirectory(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(target)) {
            return false;
        }
        Path temporary = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(temporary);
            writer.writeTo(temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                return false;
            }
            return true;
        } finally {
            deleteTree(temporary);
        }
    }

    /** Deletes a file or a directory with everything in it; nothing happens when it is missing. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
