package dev.fleetsynth.gateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fleetsynth.events.Stage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The workflow state of one machine: each step's latest task (or not_started), whether anything is
 * running, and the latest quality score.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = {"machine_id", "running", "state"})
public record MachineStatus(
        String machineId,
        Integer profileVersion,
        TaskView seed,
        TaskView training,
        TaskView generation,
        boolean running,
        Double qualityOverall,
        String grade,
        String state) {

    /** The latest task per machine and stage, for every machine in one query. */
    public static Map<String, Map<String, Task>> latestByMachine() {
        return latest(null);
    }

    /** The latest task per stage of one machine. */
    public static Map<String, Task> latestOf(String machineId) {
        return latest(machineId).getOrDefault(machineId, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Task>> latest(String machineId) {
        var query = Task.getEntityManager()
                .createNativeQuery(
                        "SELECT DISTINCT ON (machine_id, stage) * FROM tasks"
                                + (machineId == null ? "" : " WHERE machine_id = :machine")
                                + " ORDER BY machine_id, stage, created_at DESC",
                        Task.class);
        if (machineId != null) {
            query.setParameter("machine", machineId);
        }
        List<Task> latest = query.getResultList();
        Map<String, Map<String, Task>> byMachine = new HashMap<>();
        for (Task t : latest) {
            byMachine.computeIfAbsent(t.machineId, k -> new HashMap<>()).put(t.stage, t);
        }
        return byMachine;
    }

    public static MachineStatus of(String machineId, Integer profileVersion, Map<String, Task> latest) {
        Map<String, Task> l = latest == null ? Map.of() : latest;
        TaskView seed = view(l.get(Stage.SEED.json()));
        TaskView training = view(l.get(Stage.TRAINING.json()));
        TaskView generation = view(l.get(Stage.GENERATION.json()));
        boolean running = l.values().stream().anyMatch(t -> !t.finished());
        Task lastDataset = l.get(Stage.GENERATION.json());
        Double quality =
                lastDataset != null && "succeeded".equals(lastDataset.status) ? lastDataset.qualityOverall : null;
        String grade = quality == null ? null : lastDataset.grade;
        return new MachineStatus(
                machineId,
                profileVersion,
                seed,
                training,
                generation,
                running,
                quality,
                grade,
                state(seed, training, generation));
    }

    /** One word for the fleet grid: the furthest step done, or the one running or failed. */
    static String state(TaskView seed, TaskView training, TaskView generation) {
        for (TaskView t : new TaskView[] {generation, training, seed}) {
            if (t == null) {
                continue;
            }
            if (!t.finished()) {
                return t.stage() + "_" + t.status();
            }
            if (!"succeeded".equals(t.status())) {
                return t.stage() + "_" + t.status();
            }
        }
        if (generation != null) {
            return "dataset_ready";
        }
        if (training != null) {
            return "model_ready";
        }
        if (seed != null) {
            return "seed_ready";
        }
        return "profile_ready";
    }

    private static TaskView view(Task t) {
        return t == null ? null : TaskView.of(t);
    }
}
