package dev.fleetsynth.generator.jobs;

import dev.fleetsynth.events.Stage;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.jobs.JobCancels;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Generation jobs, for the gateway's task views. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject
    JobCancels cancels;

    @GET
    public List<JobView> list(@QueryParam("machine_id") String machineId) {
        return GenerationJob.newestFirst(machineId == null || machineId.isBlank() ? null : machineId).stream()
                .map(JobView::of)
                .toList();
    }

    @GET
    @Path("/{job_id}")
    public JobView get(@PathParam("job_id") String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            id = null; // not a UUID: names no job, 404 like any other unknown id
        }
        GenerationJob job = id == null ? null : GenerationJob.find(id);
        if (job == null) {
            throw ApiException.notFound("generation job '" + jobId + "'");
        }
        return JobView.of(job);
    }

    /**
     * Cancels a job that has not finished: 202 with {@code cancelled} when its request still waits
     * in Kafka (job.failed CANCELLED is published now), {@code cancelling} when a worker runs it (it
     * stops at its next check and publishes job.failed then); 409 when it has finished.
     */
    @POST
    @Path("/{job_id}/cancel")
    public Response cancel(@PathParam("job_id") String jobId, @QueryParam("machine_id") String machineId) {
        return Response.accepted(cancels.cancel(jobId, GenerationJob::find, machineId, Stage.GENERATION))
                .build();
    }
}
