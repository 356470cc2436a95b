package dev.fleetsynth.seed.seeds;

import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.api.RequestValues;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    @Schema(requiredProperties = {"seed_id", "cycles", "total", "offset", "limit", "columns", "rows"})
    public record RowsPage(
            String seedId,
            Integer cycle,
            int cycles,
            int total,
            int offset,
            int limit,
            List<String> columns,
            List<Map<String, Object>> rows) {}

    @Inject
    ArtifactStore store;

    @GET
    public List<SeedView> list(@QueryParam("machine_id") String machineId) {
        return Seed.newestFirst(machineId == null || machineId.isBlank() ? null : machineId).stream()
                .map(SeedView::of)
                .toList();
    }

    @GET
    @Path("/{seed_id}")
    public SeedView get(@PathParam("seed_id") String seedId) {
        return SeedView.of(require(seedId));
    }

    @GET
    @Path("/{seed_id}/rows")
    public RowsPage rows(
            @PathParam("seed_id") String seedId,
            @QueryParam("cycle") String cycleParam,
            @QueryParam("offset") String offsetParam,
            @QueryParam("limit") String limitParam) {
        Integer cycle = RequestValues.intParam(
                "cycle",
                cycleParam,
                null,
                1,
                Integer.MAX_VALUE,
                "a cycle number from 1 (see 'cycles' of GET /seeds/" + seedId + ")");
        int offset =
                RequestValues.intParam("offset", offsetParam, 0, 0, Integer.MAX_VALUE, "a row offset of 0 or more");
        int limit = RequestValues.intParam(
                "limit", limitParam, DEFAULT_LIMIT, 1, MAX_LIMIT, "a page size from 1 to " + MAX_LIMIT);
        Seed seed = require(seedId);
        SourceTable table = read(seed);
        int[] unit = table.unitIndex();
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            if (cycle == null || unit[i] + 1 == cycle) {
                matching.add(i);
            }
        }
        List<SourceSchema.Field> fields = table.schema().fields();
        List<String> columns = fields.stream().map(SourceSchema.Field::name).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int k = offset; k < matching.size() && k < (long) offset + limit; k++) {
            int i = matching.get(k);
            Map<String, Object> row = new LinkedHashMap<>();
            for (SourceSchema.Field f : fields) {
                row.put(f.name(), table.value(f, i));
            }
            rows.add(row);
        }
        return new RowsPage(seed.seedId, cycle, seed.cycles, matching.size(), offset, limit, columns, rows);
    }

    /** What ingestion found and did, for a seed from a user's data (ingest.json). */
    @GET
    @Path("/{seed_id}/report")
    @APIResponse(
            responseCode = "200",
            description = "the ingest report",
            content =
                    @Content(
                            mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = dev.fleetsynth.engine.ingest.IngestReport.class)))
    public jakarta.ws.rs.core.Response report(@PathParam("seed_id") String seedId) throws IOException {
        Seed seed = require(seedId);
        if (seed.reportPath == null || !java.nio.file.Files.isRegularFile(store.resolve(seed.reportPath))) {
            throw ApiException.notFound(
                    "ingest report of seed '" + seedId + "' (it was simulated, not brought in from data)");
        }
        return jakarta.ws.rs.core.Response.ok(
                        java.nio.file.Files.readAllBytes(store.resolve(seed.reportPath)), MediaType.APPLICATION_JSON)
                .build();
    }

    private SourceTable read(Seed seed) {
        try {
            return SourceFiles.read(store.resolve(seed.path));
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
}
