package dev.fleetsynth.generator.datasets;

import dev.fleetsynth.engine.generate.DatasetGenerator;
import dev.fleetsynth.engine.quality.Comparison;
import dev.fleetsynth.engine.source.SourceFiles;
import dev.fleetsynth.engine.source.SourceSchema;
import dev.fleetsynth.engine.source.SourceTable;
import dev.fleetsynth.engine.store.ArtifactStore;
import dev.fleetsynth.generator.explorer.Explorer;
import dev.fleetsynth.generator.explorer.ExplorerCache;
import dev.fleetsynth.generator.explorer.Source;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.api.RequestValues;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Datasets and the data explorer: metadata, the quality report, paged rows, statistics, histograms,
 * correlations and downloads of a split. Statistics, histograms and correlations are cached in
 * Redis (header {@code X-Cache: hit|miss}).
 */
@jakarta.ws.rs.Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    /** The machine the gateway serves the dataset under ({@code ?machine_id=}); a dataset of another machine is not there. */
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;
    static final int DEFAULT_BINS = 20;
    static final int MAX_BINS = 200;
    static final String PARQUET = "application/vnd.apache.parquet";

    /** One page of a split: {@code rows} are arrays in the order of {@code columns}; timestamps are ISO-8601 UTC. */
    @Schema(requiredProperties = {"dataset_id", "split", "total", "offset", "limit", "columns", "rows"})
    public record RowsPage(
            String datasetId,
            String split,
            int total,
            int offset,
            int limit,
            List<String> columns,
            List<List<Object>> rows) {}

    @Inject
    DatasetTables tables;

    @Inject
    ExplorerCache cache;

    @Inject
    ArtifactStore store;

    @GET
    public List<DatasetView> list(@QueryParam("machine_id") String machineId) {
        return Dataset.newestFirst(machineId == null || machineId.isBlank() ? null : machineId).stream()
                .map(DatasetView::of)
                .toList();
    }

    /**
     * Datasets side by side against one real data set (their shared reference): distances per
     * reading, correlation differences, utility on the held-out units, and which to use.
     */
    @GET
    @jakarta.ws.rs.Path("/compare")
    public Comparison compare(@QueryParam("ids") String ids, @QueryParam("reference") String reference) {
        if (ids == null || ids.isBlank()) {
            throw ApiException.badRequest("ids", "no dataset to compare", "give ids=DATASET_ID,DATASET_ID");
        }
        List<String> list = java.util.Arrays.stream(ids.split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .distinct()
                .toList();
        if (list.size() > 5) {
            throw ApiException.badRequest(
                    "ids", list.size() + " datasets; at most 5 are compared at once", "pick up to 5");
        }
        java.util.Map<String, Comparison.Dataset> datasets = new java.util.LinkedHashMap<>();
        Dataset first = null;
        for (String id : list) {
            Dataset d = require(id);
            first = first == null ? d : first;
            SourceTable train = tables.split(d, Split.TRAIN);
            SourceTable all = new dev.fleetsynth.engine.synth.SourceSplits(
                            train, tables.split(d, Split.VAL), tables.split(d, Split.TEST))
                    .concat();
            datasets.put(id, new Comparison.Dataset(all, train));
        }
        String seedPath = reference == null || reference.isBlank() ? first.seedPath : reference;
        SourceTable real;
        SourceTable holdout = null;
        try {
            real = tables.read(store.resolve(seedPath));
            Path h = store.resolve(dev.fleetsynth.engine.store.ArtifactStore.holdoutPath(seedPath));
            if (Files.isRegularFile(h)) {
                holdout = tables.read(h);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "reference", e.getMessage(), "leave it out to compare against the first dataset's seed");
        }
        return Comparison.compare(real, holdout, datasets, 42);
    }

    @GET
    @jakarta.ws.rs.Path("/{dataset_id}")
    public DatasetView get(@PathParam("dataset_id") String datasetId) {
        return DatasetView.of(require(datasetId));
    }

    /** The quality report exactly as the engine wrote it. */
    @GET
    @jakarta.ws.rs.Path("/{dataset_id}/quality")
    @APIResponse(
            responseCode = "200",
            description = "the quality report as the engine wrote it",
            content =
                    @Content(
                            mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = dev.fleetsynth.engine.quality.QualityReport.class)))
    public Response quality(@PathParam("dataset_id") String datasetId) throws IOException {
        Dataset d = require(datasetId);
        return Response.ok(
                        Files.readAllBytes(store.resolve(d.path).resolve(DatasetGenerator.QUALITY_FILE)),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @GET
    @jakarta.ws.rs.Path("/{dataset_id}/rows")
    public RowsPage rows(
            @PathParam("dataset_id") String datasetId,
            @QueryParam("split") String splitParam,
            @QueryParam("offset") String offsetParam,
            @QueryParam("limit") String limitParam) {
        Split split = Split.parse(splitParam);
        int offset =
                RequestValues.intParam("offset", offsetParam, 0, 0, Integer.MAX_VALUE, "a row offset of 0 or more");
        int limit = RequestValues.intParam(
                "limit", limitParam, DEFAULT_LIMIT, 1, MAX_LIMIT, "a page size from 1 to " + MAX_LIMIT);
        Dataset d = require(datasetId);
        SourceTable t = tables.split(d, split);
        List<List<Object>> rows = new ArrayList<>();
        List<SourceSchema.Field> fields = t.schema().fields();
        for (int i = offset; i < t.rows() && i < (long) offset + limit; i++) {
            List<Object> row = new ArrayList<>(fields.size());
            for (SourceSchema.Field f : fields) {
                row.add(t.value(f, i));
            }
            rows.add(row);
        }
        return new RowsPage(d.datasetId, split.json(), t.rows(), offset, limit, columns(t), rows);
    }

    @GET
    @jakarta.ws.rs.Path("/{dataset_id}/stats")
    @APIResponse(
            responseCode = "200",
            description = "each column's statistics",
            content =
                    @Content(
                            mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Explorer.Stats.class)))
    public Response stats(
            @PathParam("dataset_id") String datasetId,
            @QueryParam("split") String splitParam,
            @QueryParam("source") String sourceParam) {
        Split split = Split.parse(splitParam);
        Source source = Source.parse(sourceParam);
        Dataset d = require(datasetId);
        return cached(cache.get(
                key("stats", d, split, source),
                () -> Explorer.stats(d.datasetId, split.json(), source, table(d, split, source))));
    }

    @GET
    @jakarta.ws.rs.Path("/{dataset_id}/histograms")
    @APIResponse(
            responseCode = "200",
            description = "each value column's histogram",
            content =
                    @Content(
                            mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Explorer.Histograms.class)))
    public Response histograms(
            @PathParam("dataset_id") String datasetId,
            @QueryParam("split") String splitParam,
            @QueryParam("bins") String binsParam,
            @QueryParam("source") String sourceParam) {
        Split split = Split.parse(splitParam);
        int bins = RequestValues.intParam(
                "bins", binsParam, DEFAULT_BINS, 1, MAX_BINS, "a number of bins from 1 to " + MAX_BINS);
        Source source = Source.parse(sourceParam);
        Dataset d = require(datasetId);
        return cached(cache.get(key("histograms", d, split, source) + ":" + bins, () -> {
            SourceTable synthetic = tables.split(d, split);
            SourceTable seed = tables.seed(d);
            return Explorer.histograms(
                    d.datasetId, split.json(), source, bins, source == Source.SEED ? seed : synthetic, synthetic, seed);
        }));
    }

    @GET
    @jakarta.ws.rs.Path("/{dataset_id}/correlations")
    @APIResponse(
            responseCode = "200",
            description = "Pearson's r of every pair of value columns",
            content =
                    @Content(
                            mediaType = jakarta.ws.rs.core.MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Explorer.Correlations.class)))
    public Response correlations(
            @PathParam("dataset_id") String datasetId,
            @QueryParam("split") String splitParam,
            @QueryParam("source") String sourceParam) {
        Split split = Split.parse(splitParam);
        Source source = Source.parse(sourceParam);
        Dataset d = require(datasetId);
        return cached(cache.get(
                key("correlations", d, split, source),
                () -> Explorer.correlations(d.datasetId, split.json(), source, table(d, split, source))));
    }

    @GET
    @jakarta.ws.rs.Path("/{dataset_id}/download/{split}")
    @Produces({PARQUET, "text/csv", MediaType.APPLICATION_JSON})
    public Response download(
            @PathParam("dataset_id") String datasetId,
            @PathParam("split") String splitParam,
            @QueryParam("format") String formatParam) {
        Split split = Split.parse(splitParam);
        String format = formatParam == null || formatParam.isBlank()
                ? "parquet"
                : formatParam.trim().toLowerCase(Locale.ROOT);
        if (!format.equals("parquet") && !format.equals("csv")) {
            throw ApiException.badRequest(
                    "format", "unknown format '" + formatParam + "'", "use format=parquet or format=csv");
        }
        Dataset d = require(datasetId);
        String fileName = d.machineId + "_" + split.json() + "." + format;
        Response.ResponseBuilder r;
        if (format.equals("parquet")) {
            Path file = tables.file(d, split);
            r = Response.ok(file.toFile(), PARQUET);
        } else {
            SourceTable t = tables.split(d, split);
            r = Response.ok((StreamingOutput) out -> SourceFiles.writeCsv(t, out), "text/csv; charset=UTF-8");
        }
        return r.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }

    private SourceTable table(Dataset d, Split split, Source source) {
        return source == Source.SEED ? tables.seed(d) : tables.split(d, split);
    }

    private static String key(String kind, Dataset d, Split split, Source source) {
        return kind + ":" + d.datasetId + ":" + split.json() + ":" + source.json();
    }

    private static Response cached(ExplorerCache.Answer answer) {
        return Response.ok(answer.json(), MediaType.APPLICATION_JSON)
                .header("X-Cache", answer.hit() ? "hit" : "miss")
                .build();
    }

    static List<String> columns(SourceTable t) {
        return t.schema().fields().stream().map(SourceSchema.Field::name).toList();
    }

    private static String instant(long micros) {
        return java.time.Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000)
                .toString();
    }

    private Dataset require(String datasetId) {
        Dataset d = Dataset.find(datasetId);
        String machine = uri == null ? null : uri.getQueryParameters().getFirst("machine_id");
        if (d == null || (machine != null && !machine.equals(d.machineId))) {
            throw ApiException.notFound(
                    machine == null
                            ? "dataset '" + datasetId + "'"
                            : "dataset '" + datasetId + "' of machine '" + machine + "'");
        }
        return d;
    }
}
