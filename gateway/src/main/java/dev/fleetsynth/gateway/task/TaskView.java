package dev.fleetsynth.gateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task as the API and the WebSockets show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"task_id", "machine_id", "stage", "status", "progress", "finished"})
public record TaskView(
        UUID taskId,
        String machineId,
        String stage,
        String status,
        double progress,
        Integer epoch,
        Integer epochs,
        Double loss,
        Long elapsedMs,
        Long etaMs,
        String resultId,
        UUID nextTaskId,
        Double qualityOverall,
        String grade,
        Error error,
        UUID batchId,
        Instant createdAt,
        Instant updatedAt,
        boolean finished) {

    @Schema(requiredProperties = {"code", "message"})
    public record Error(String code, String message) {}

    /** A number as the API shows it: a non-finite one (a closed-form model's loss) left out. */
    public static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    public static TaskView of(Task t) {
        // A model fitted in closed form has no loss: left out rather than shown as "NaN".
        return new TaskView(
                t.taskId,
                t.machineId,
                t.stage,
                t.status,
                t.progress,
                t.epoch,
                t.epochs,
                finite(t.loss),
                t.elapsedMs,
                t.etaMs,
                t.resultId,
                t.nextTaskId,
                t.qualityOverall,
                t.grade,
                t.errorCode == null ? null : new Error(t.errorCode, t.errorMessage),
                t.batchId,
                t.createdAt,
                t.updatedAt,
                t.finished());
    }
}
