package dev.fleetsynth.gateway.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "tasks")
public class Task extends PanacheEntityBase {
    @Id
    public UUID taskId;

    public String machineId;
    public String stage;
    public String status;
    public double progress;
    public Integer epoch;
    public Integer epochs;
    public Double loss;
    public Long elapsedMs;
    public Long etaMs;
    /** The seed, model or dataset id the task produced. */
    public String resultId;
    /** The task the auto pipeline started after this one. */
    public UUID nextTaskId;

    public Double qualityOverall;
    public String grade;
    public String errorCode;
    public String errorMessage;
    public UUID batchId;
    public Instant createdAt;
    public Instant updatedAt;

    public boolean finished() {
        return "succeeded".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }

    public static List<Task> ofMachine(String machineId) {
        return list("machineId = ?1 order by createdAt desc", machineId);
    }
}
