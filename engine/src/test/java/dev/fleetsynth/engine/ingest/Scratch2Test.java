package dev.fleetsynth.engine.ingest;

import java.nio.file.*;
import java.sql.*;
import java.util.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Scratch2Test {
    @TempDir Path dir;

    @Test
    void scratch() throws Exception {
        StringBuilder b = new StringBuilder("unit,cycle,comment,temp\n");
        for (int i = 1; i <= 30; i++) {
            b.append(i <= 15 ? 1 : 2).append(',').append(i).append(",\"ok\",").append(40 + i).append('\n');
        }
        String base = b.toString();
        String[] cases = {base + "2,31,\"never closed,41\n2,32,\"ok\",42\n", base + "2,31,\"never closed,41\n2,32,ok,42\n2,33,ok,43\n",
            base + "2,31,ab\"c,41\n2,32,ok,42\n", "a,b\n1,12\" pipe\n2,x\n", "a,b\n1,\"x\"y\n2,z\n", "a;b\n1;\"x;y\"\n2;z\n"};
        String[] opts = {", delim=',', quote='\"'", ", delim=',', quote='\"', strict_mode=true", ", delim=',', quote='\"', escape='\"', strict_mode=true"};
        try (Connection db = dev.fleetsynth.engine.io.Duck.open(null)) {
            for (int c = 0; c < cases.length; c++) {
                Path f = dir.resolve("c" + c + ".csv");
                Files.writeString(f, cases[c]);
                try (Statement st = db.createStatement(); ResultSet r = st.executeQuery("SELECT Delimiter, Quote, Escape, HasHeader FROM sniff_csv('" + f + "')")) { r.next(); System.out.println(c + " sniff => [" + r.getString(1) + "] [" + r.getString(2) + "] [" + r.getString(3) + "] " + r.getString(4)); }
                for (String o : opts) {
                    try (Statement st = db.createStatement(); ResultSet r = st.executeQuery("SELECT * FROM read_csv('" + f + "'" + o + ")")) {
                        int n = r.getMetaData().getColumnCount();
                        List<String> names = new ArrayList<>();
                        for (int i = 1; i <= n; i++) names.add(r.getMetaData().getColumnName(i));
                        Set<String> vals = new TreeSet<>();
                        int rows = 0;
                        while (r.next()) { rows++; vals.add(String.valueOf(r.getString(Math.min(n, c >= 3 ? 2 : 3)))); }
                        System.out.println(c + " [" + o + "] => " + rows + " " + names + " " + vals);
                    } catch (SQLException e) {
                        System.out.println(c + " [" + o + "] => ERR " + e.getMessage().lines().limit(2).toList());
                    }
                }
            }
        }
    }
}
