package dev.fleetsynth.trainer.model;

import dev.fleetsynth.support.api.ApiException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    static final int MAX_LIMIT = 1000;

    /** Models, newest first. */
    @GET
    public List<ModelView> list(
            @QueryParam("machine_id") String machineId, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest(
                    "limit",
                    "limit must be 1.." + MAX_LIMIT + ", got " + limit,
                    "ask for at most " + MAX_LIMIT + " models at a time");
        }
        Sort newestFirst = Sort.descending("createdAt").and("modelId");
        var query = machineId == null || machineId.isBlank()
                ? Model.<Model>findAll(newestFirst)
                : Model.<Model>find("machineId", newestFirst, machineId);
        return query.page(Page.ofSize(limit)).list().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("/{model_id}")
    public ModelView get(@PathParam("model_id") String modelId) {
        Model m = Model.findById(modelId);
        if (m == null) {
            throw ApiException.notFound("model " + modelId);
        }
        return ModelView.of(m);
    }
}
