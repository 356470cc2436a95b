package dev.fleetsynth.seed.jobs;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.fleetsynth.support.api.ApiException;

/** Seed jobs, for the gateway's task views. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @GET
    public List<JobView> list(@QueryParam("machine_id") String machineId) {
        return SeedJob.newestFirst(blankToNull(machineId)).stream().map(JobView::of).toList();
    }

    @GET
    @Path("/{job_id}")
    public JobView get(@PathParam("job_id") String jobId) {
        UUID id = parse(jobId);
        SeedJob job = id == null ? null : SeedJob.find(id);
        if (job == null) {
            throw ApiException.notFound("seed job '" + jobId + "'");
        }
        return JobView.of(job);
    }

    /** An id that is not a UUID names no job: 404 like any other unknown id. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
