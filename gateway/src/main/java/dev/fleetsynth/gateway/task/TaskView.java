package dev.fleetsynth.gateway.task;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A task as the API and the WebSockets show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(UUID taskId, String machineId, String stage, String status, double progress, Integer epoch,
        Integer epochs, Double loss, Long elapsedMs, Long etaMs, String resultId, UUID nextTaskId, Double qualityOverall,
        String grade, Error error, UUID batchId, Instant createdAt, Instant updatedAt, boolean finished) {

    public record Error(String code, String message) {
    }

    public static TaskView of(Task t) {
        return new TaskView(t.taskId, t.machineId, t.stage, t.status, t.progress, t.epoch, t.epochs, t.loss, t.elapsedMs,
                t.etaMs, t.resultId, t.nextTaskId, t.qualityOverall, t.grade,
                t.errorCode == null ? null : new Error(t.errorCode, t.errorMessage), t.batchId, t.createdAt, t.updatedAt,
                t.finished());
    }
}
