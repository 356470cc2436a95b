package dev.fleetsynth.support.jobs;

import java.util.UUID;
import org.jboss.logging.MDC;

/** Puts machine_id and job_id on every log line written while a job runs. */
public final class JobLog implements AutoCloseable {
    private JobLog() {}

    public static JobLog of(String machineId, UUID jobId) {
        MDC.put("machine_id", machineId);
        MDC.put("job_id", jobId == null ? "" : jobId.toString());
        return new JobLog();
    }

    @Override
    public void close() {
        MDC.remove("machine_id");
        MDC.remove("job_id");
    }
}
