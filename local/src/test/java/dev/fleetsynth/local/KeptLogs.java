package dev.fleetsynth.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The services' logs of a stack that ran in a temporary directory: copied to {@code target/it-logs/NAME}
 * when the test class ends (the temporary directory is deleted), and their last errors put in the
 * message of a wait that timed out, since a build elsewhere shows little more than that message.
 */
final class KeptLogs {
    private KeptLogs() {}

    private static final int LINES_PER_SERVICE = 3;

    /** The last few ERROR and WARN lines of each service's log (less the broker's reconnect chatter), one line each. */
    static String problems(Path dataDir) {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.list(dataDir.resolve("logs"))) {
            for (Path log : files.sorted().toList()) {
                List<String> bad = Files.readAllLines(log).stream()
                        .filter(l -> l.contains(" ERROR ") || l.contains(" WARN "))
                        .filter(l -> !l.contains("NetworkClient") && !l.contains("CudaUtils"))
                        .toList();
                bad.subList(Math.max(0, bad.size() - LINES_PER_SERVICE), bad.size())
                        .forEach(l -> s.append("\n  ")
                                .append(log.getFileName())
                                .append(": ")
                                .append(l, 0, Math.min(l.length(), 300)));
            }
        } catch (IOException e) {
            s.append("\n  (logs unreadable: ").append(e.getMessage()).append(')');
        }
        return s.isEmpty() ? " (no errors or warnings in the services' logs)" : s.toString();
    }

    static void keep(Path dataDir, String name) throws IOException {
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        Path kept = Path.of("target", "it-logs", name);
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("service logs kept in " + kept.toAbsolutePath());
    }
}
