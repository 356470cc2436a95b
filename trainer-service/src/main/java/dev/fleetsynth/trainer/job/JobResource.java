package dev.fleetsynth.trainer.job;

import dev.fleetsynth.events.FailureCode;
import dev.fleetsynth.events.JobFailed;
import dev.fleetsynth.events.Stage;
import dev.fleetsynth.support.api.ApiException;
import dev.fleetsynth.support.jobs.JobMetrics;
import dev.fleetsynth.support.jobs.JobStatus;
import dev.fleetsynth.support.kafka.EventPublisher;
import dev.fleetsynth.trainer.coordination.CancelFlags;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    static final int MAX_LIMIT = 1000;
    /** The list's columns: everything but the loss curve, which can be thousands of numbers per job. */
    static final String SUMMARY =
            "select new dev.fleetsynth.trainer.job.JobView(j.jobId, j.machineId, j.status, j.seedId, "
                    + "j.seedPath, j.epochs, j.batchSize, j.randomSeed, j.pipeline, j.epoch, j.loss, j.progress, j.elapsedMs, j.etaMs, "
                    + "j.modelId, j.errorCode, j.errorMessage, j.cancelRequestedAt, j.createdAt, j.startedAt, j.finishedAt) "
                    + "from TrainingJob j";

    @Inject
    TrainingJobRows jobs;

    @Inject
    CancelFlags cancels;

    @Inject
    EventPublisher events;

    @Inject
    JobMetrics metrics;

    /** Jobs, newest first, without their loss curves. */
    @GET
    public List<JobView> list(
            @QueryParam("machine_id") String machineId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest(
                    "limit",
                    "limit must be 1.." + MAX_LIMIT + ", got " + limit,
                    "ask for at most " + MAX_LIMIT + " jobs at a time");
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (machineId != null && !machineId.isBlank()) {
            where.add("j.machineId = :machineId");
            params.put("machineId", machineId);
        }
        if (status != null && !status.isBlank()) {
            where.add("j.status = :status");
            params.put("status", status(status).json());
        }
        String query = SUMMARY + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by j.createdAt desc, j.jobId";
        var q = TrainingJob.getEntityManager().createQuery(query, JobView.class).setMaxResults(limit);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    /** One job with everything, its loss curve included. */
    @GET
    @Path("/{job_id}")
    public JobView get(@PathParam("job_id") String jobId) {
        TrainingJob job = TrainingJob.findById(id(jobId));
        if (job == null) {
            throw ApiException.notFound("job " + jobId);
        }
        return JobView.of(job);
    }

    /**
     * Cancels a queued or running job: 202 with the job. A job no replica has picked up yet is
     * cancelled at once; one that a replica holds stops at its next check (within about a second),
     * the replica then records it as cancelled and publishes job.failed (code CANCELLED).
     */
    @POST
    @Path("/{job_id}/cancel")
    public Response cancel(@PathParam("job_id") String jobId) {
        UUID id = id(jobId);
        TrainingJob before = TrainingJob.findById(id);
        if (before == null) {
            throw ApiException.notFound("job " + jobId);
        }
        if (!before.jobStatus().finished()) {
            // The flag goes first: the replica holding the job may be asking Redis right now.
            cancels.request(id);
        }
        TrainingJobRows.Cancel c = jobs.cancel(id);
        if (c.outcome() == null) {
            throw ApiException.conflict(
                    "JOB_FINISHED", "job " + jobId + " has already finished (" + c.job().status + ")");
        }
        if (c.outcome() == TrainingJobRows.CancelOutcome.CANCELLED_NOW) {
            events.publish(
                    JobFailed.now(c.job().machineId, id, Stage.TRAINING, FailureCode.CANCELLED, c.job().errorMessage));
            metrics.failed(Stage.TRAINING, FailureCode.CANCELLED.name(), Duration.ZERO);
        }
        return Response.accepted(JobView.of(c.job())).build();
    }

    static UUID id(String jobId) {
        try {
            return UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "job_id",
                    "'" + jobId + "' is not a job id",
                    "use the job_id (a UUID) of the request or of GET /jobs");
        }
    }

    static JobStatus status(String status) {
        try {
            return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "status",
                    "unknown status '" + status + "'",
                    "use one of queued, running, succeeded, failed, cancelled");
        }
    }
}
