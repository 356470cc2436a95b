package dev.fleetsynth.gateway.live;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fleetsynth.gateway.task.TaskView;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/**
 * The latest state of every task, in Redis, shared by all gateway replicas: what a WebSocket
 * client that joins late receives first.
 */
@ApplicationScoped
public class LatestProgress {
    private static final Duration KEEP = Duration.ofDays(1);

    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper json;

    public void remember(TaskView task) {
        try {
            redis.value(String.class).set(key(task.taskId()), json.writeValueAsString(task), new SetArgs().ex(KEEP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<String> latestJson(UUID taskId) {
        return Optional.ofNullable(redis.value(String.class).get(key(taskId)));
    }

    private static String key(UUID taskId) {
        return "fleetsynth:task:" + taskId;
    }
}
