package dev.fleetsynth.generator.jobs;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.fleetsynth.support.api.ApiException;

/** Generation jobs, for the gateway's task views. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @GET
    public List<JobView> list(@QueryParam("machine_id") String machineId) {
        return GenerationJob.newestFirst(machineId == null || machineId.isBlank() ? null : machineId).stream().map(JobView::of)
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
}
