package dev.fleetsynth.seed.seeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.fleetsynth.engine.parquet.ParquetTables;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.engine.table.SensorTable;
import dev.fleetsynth.support.api.ApiException;

/** Seeds and their rows (the dashboard previews a seed as a chart before training). */
@Path("/seeds")
@Produces(MediaType.APPLICATION_JSON)
public class SeedResource {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    /**
     * One page of a seed's rows, each row an object keyed by column name.
     *
     * @param cycle  the cycle asked for; absent when all cycles were
     * @param cycles how many cycles the seed has (cycles are numbered from 1)
     * @param total  rows matching (all rows, or those of {@code cycle}), of which this page is a slice
     */
    public record RowsPage(String seedId, Integer cycle, int cycles, int total, int offset, int limit, List<String> columns,
            List<Map<String, Object>> rows) {
    }

    @Inject
    ArtifactStore store;

    @GET
    public List<SeedView> list(@QueryParam("machine_id") String machineId) {
        return Seed.newestFirst(machineId == null || machineId.isBlank() ? null : machineId).stream().map(SeedView::of).toList();
    }

    @GET
    @Path("/{seed_id}")
    public SeedView get(@PathParam("seed_id") String seedId) {
        return SeedView.of(require(seedId));
    }

    @GET
    @Path("/{seed_id}/rows")
    public RowsPage rows(@PathParam("seed_id") String seedId, @QueryParam("cycle") String cycleParam,
            @QueryParam("offset") String offsetParam, @QueryParam("limit") String limitParam) {
        // Parameters are parsed here rather than by JAX-RS, which answers a malformed number with a bare 404.
        Integer cycle = cycleParam == null || cycleParam.isBlank() ? null
                : intParam("cycle", cycleParam, 1, Integer.MAX_VALUE, "a cycle number from 1 (see 'cycles' of GET /seeds/" + seedId + ")");
        int offset = offsetParam == null || offsetParam.isBlank() ? 0
                : intParam("offset", offsetParam, 0, Integer.MAX_VALUE, "a row offset of 0 or more");
        int limit = limitParam == null || limitParam.isBlank() ? DEFAULT_LIMIT
                : intParam("limit", limitParam, 1, MAX_LIMIT, "a page size from 1 to " + MAX_LIMIT);
        Seed seed = require(seedId);
        SensorTable table = read(seed);

        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            if (cycle == null || table.cycle()[i] == cycle) {
                matching.add(i);
            }
        }
        List<String> columns = new ArrayList<>(List.of(ParquetTables.TIMESTAMP, ParquetTables.MACHINE_ID, ParquetTables.CYCLE,
                ParquetTables.RUL));
        columns.addAll(table.sensorNames());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = offset; k < matching.size() && k < (long) offset + limit; k++) {
            int i = matching.get(k);
            Map<String, Object> row = new LinkedHashMap<>();
            long micros = table.timestampMicros()[i];
            row.put(ParquetTables.TIMESTAMP, Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000).toString());
            row.put(ParquetTables.MACHINE_ID, table.machineId());
            row.put(ParquetTables.CYCLE, table.cycle()[i]);
            row.put(ParquetTables.RUL, table.rul()[i]);
            for (int j = 0; j < table.sensorNames().size(); j++) {
                row.put(table.sensorNames().get(j), table.sensors().get(j)[i]);
            }
            rows.add(row);
        }
        return new RowsPage(seed.seedId, cycle, seed.cycles, matching.size(), offset, limit, columns, rows);
    }

    private SensorTable read(Seed seed) {
        try {
            return ParquetTables.read(store.resolve(seed.path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + seed.seedId + " at " + seed.path, e);
        }
    }

    private static Seed require(String seedId) {
        Seed seed = Seed.find(seedId);
        if (seed == null) {
            throw ApiException.notFound("seed '" + seedId + "'");
        }
        return seed;
    }

    static int intParam(String field, String value, int min, int max, String fix) {
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + " must be a whole number, not '" + value + "'", "use " + fix);
        }
        if (v < min || v > max) {
            throw ApiException.badRequest(field, field + " is " + v + ", out of range", "use " + fix);
        }
        return v;
    }
}
