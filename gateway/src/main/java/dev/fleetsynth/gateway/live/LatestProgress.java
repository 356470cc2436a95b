package dev.fleetsynth.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.gateway.task.TaskView;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest state of every task, in Redis, shared by all gateway replicas: what a WebSocket
 * client that joins late receives first.
 *
 * <p>A task's final state is kept under a key of its own that nothing unfinished overwrites. Two
 * consumers write here: {@link LiveHub}, which forwards events to the sockets, and the task
 * tracker, which records them in the database and can lag behind. Had the tracker's late write of
 * a running state the last word, a client joining after the hub had sent the final state would be
 * told "running" and then never hear of the task again.
 */
@ApplicationScoped
public class LatestProgress {
    private static final Duration KEEP = Duration.ofDays(1);

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    public void remember(TaskView task) {
        String value;
        try {
            value = json.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        redis.value(String.class)
                .set(task.finished() ? finalKey(task.taskId()) : key(task.taskId()), value, new SetArgs().ex(KEEP));
    }

    public Optional<String> latestJson(UUID taskId) {
        String finished = redis.value(String.class).get(finalKey(taskId));
        return Optional.ofNullable(
                finished != null ? finished : redis.value(String.class).get(key(taskId)));
    }

    private static String key(UUID taskId) {
        return "fleetsynth:task:" + taskId;
    }

    private static String finalKey(UUID taskId) {
        return "fleetsynth:task:" + taskId + ":final";
    }
}
