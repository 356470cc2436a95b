package dev.fleetsynth.engine.ingest;

import java.nio.file.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir Path dir;

    void tryIt(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        try {
            Ingest.Result r = Ingest.run(f, IngestOptions.defaults(), dir.resolve("out-" + name), dev.fleetsynth.engine.ProgressListener.NONE);
            System.out.println(name + " => OK\n" + r.report().toText());
            var t = dev.fleetsynth.engine.source.SourceFiles.read(r.seed());
            System.out.println(t.table().names()); var c = t.column("comment"); System.out.println(c instanceof dev.fleetsynth.engine.table.Column.Categorical k ? new java.util.TreeSet<>(java.util.Arrays.asList(k.values())) : "numeric");
        } catch (IngestException e) {
            System.out.println(name + " => " + e.problems());
        }
    }

    @Test
    void scratch() throws Exception {
        StringBuilder b = new StringBuilder("unit,cycle,comment,temp\n");
        for (int i = 1; i <= 30; i++) {
            b.append(i <= 15 ? 1 : 2).append(',').append(i).append(",\"ok\",").append(40 + i).append('\n');
        }
        String base = b.toString();
        tryIt("q1.csv", base + "2,31,\"never closed,41\n2,32,\"ok\",42\n");
        tryIt("q2.csv", base + "2,31,\"never closed,41\n2,32,ok,42\n2,33,ok,43\n");
        tryIt("q3.csv", base + "2,31,ab\"c,41\n2,32,ok,42\n");
    }
}
