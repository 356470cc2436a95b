package dev.fleetsynth.gateway.api;

import dev.fleetsynth.events.Stage;
import dev.fleetsynth.gateway.task.Task;
import dev.fleetsynth.gateway.task.TaskView;
import dev.fleetsynth.gateway.upstream.GeneratorClient;
import dev.fleetsynth.gateway.upstream.SeedClient;
import dev.fleetsynth.gateway.upstream.Service;
import dev.fleetsynth.gateway.upstream.TrainerClient;
import dev.fleetsynth.gateway.upstream.Upstream;
import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Tasks (seed, training and generation jobs) and the training jobs' detail. */
@Path("/api/gan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tasks", description = "Jobs and their progress; live updates on /ws/tasks/{task_id}/progress")
public class TaskApi {
    @Inject
    Upstream upstream;

    @RestClient
    SeedClient seeds;

    @RestClient
    TrainerClient trainer;

    @RestClient
    GeneratorClient generator;

    @Context
    UriInfo uri;

    @GET
    @Path("/tasks")
    @Operation(summary = "Tasks, newest first (?machine_id=&stage=&status=&limit=)")
    public List<TaskView> tasks(
            @QueryParam("machine_id") String machineId,
            @QueryParam("stage") String stage,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit", "limit must be 1..1000, got " + limit, "use 200 (the default)");
        }
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (machineId != null) {
            q.append(" and machineId = :machine");
            params.put("machine", machineId);
        }
        if (stage != null) {
            q.append(" and stage = :stage");
            params.put("stage", stage);
        }
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        q.append(" order by createdAt desc");
        return QuarkusTransaction.requiringNew()
                .call(() -> Task.<Task>find(q.toString(), params).page(0, limit).list().stream()
                        .map(TaskView::of)
                        .toList());
    }

    @GET
    @Path("/tasks/{id}")
    @Operation(summary = "A task's state: stage, status, progress, epoch, loss, eta, result or error")
    public TaskView task(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Task t = Task.findById(id);
            if (t == null) {
                throw ApiException.notFound("task '" + id + "'");
            }
            return TaskView.of(t);
        });
    }

    @POST
    @Path("/tasks/{id}/cancel")
    @Operation(summary = "Cancel a task that has not finished (any stage): 202, then job.failed with code CANCELLED")
    public Response cancel(@PathParam("id") UUID id) {
        TaskView task = task(id);
        // The machine id lets a service cancel a job whose request still waits in Kafka (it has no row of it yet).
        String job = id.toString();
        String machine = task.machineId();
        return switch (Stage.of(task.stage())) {
            case SEED -> upstream.write(Service.SEED, () -> seeds.cancel(job, machine));
            case TRAINING -> upstream.write(Service.TRAINER, () -> trainer.cancel(job, machine));
            case GENERATION -> upstream.write(Service.GENERATOR, () -> generator.cancel(job, machine));
            case PROFILE ->
                throw new ApiException(
                        409, ApiError.of("NOT_CANCELLABLE", "a profile task finishes when it is answered"));
        };
    }

    @GET
    @Path("/training/jobs")
    @Operation(summary = "Training jobs, live and past (?machine_id=&status=)")
    public Response trainingJobs() {
        return upstream.read(
                Service.TRAINER,
                () -> trainer.jobs(
                        Paths.query(uri, "machine_id"), Paths.query(uri, "status"), Paths.query(uri, "limit")));
    }

    @GET
    @Path("/training/jobs/{id}")
    @Operation(summary = "One training job with its whole loss curve")
    public Response trainingJob(@PathParam("id") UUID id) {
        return upstream.read(Service.TRAINER, () -> trainer.job(id.toString()));
    }
}
