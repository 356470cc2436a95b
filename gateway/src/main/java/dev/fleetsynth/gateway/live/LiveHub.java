package dev.fleetsynth.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.gateway.task.TaskView;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Who is watching which task on this replica, and the fan-out of every task update to them. Each
 * replica reads the update events in a consumer group of its own, so a client gets its task's
 * updates whichever replica it is connected to.
 */
@ApplicationScoped
public class LiveHub {
    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    // Connection ids, not connections: the injected connection is a proxy valid only inside its
    // own callbacks, while OpenConnections gives the connection itself from any thread.
    private final Map<UUID, Set<String>> byTask = new ConcurrentHashMap<>();
    private final Set<String> everything = ConcurrentHashMap.newKeySet();

    @Inject
    ObjectMapper json;

    @Inject
    OpenConnections connections;

    @Inject
    LatestProgress latest;

    public void watch(UUID taskId, WebSocketConnection connection) {
        byTask.computeIfAbsent(taskId, k -> ConcurrentHashMap.newKeySet()).add(connection.id());
    }

    public void watchAll(WebSocketConnection connection) {
        everything.add(connection.id());
    }

    public void leave(WebSocketConnection connection) {
        String id = connection.id();
        everything.remove(id);
        byTask.values().forEach(set -> set.remove(id));
        byTask.values().removeIf(Set::isEmpty);
    }

    @Incoming("live")
    @Blocking
    public void onEvent(FleetEvent event) {
        if (event == null) {
            return;
        }
        try {
            TaskView update = LiveUpdates.of(event);
            if (update == null) {
                return;
            }
            if (update.finished()) {
                // Before the fan-out: a client that registers after this reads the final state from
                // Redis, one that registered before receives it below.
                try {
                    latest.remember(update);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "could not keep the final state of task %s", update.taskId());
                }
            }
            String message = write(update);
            for (String id : everything) {
                connections.findByConnectionId(id).ifPresent(c -> send(c, message, false));
            }
            Set<String> watchers = update.finished() ? byTask.remove(update.taskId()) : byTask.get(update.taskId());
            if (watchers != null) {
                for (String id : watchers) {
                    connections.findByConnectionId(id).ifPresent(c -> send(c, message, update.finished()));
                }
            }
        } catch (RuntimeException e) {
            // A failed fan-out must not stop the channel; the task state is kept by TaskTracker anyway.
            LOG.warnf(e, "could not forward %s to websocket clients", event.topic());
        }
    }

    public String write(TaskView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without blocking the caller; a task that has finished closes the connection after its last message. */
    public static void send(WebSocketConnection c, String message, boolean thenClose) {
        if (!c.isOpen()) {
            return;
        }
        var sent = c.sendText(message);
        (thenClose ? sent.chain(() -> c.close()) : sent)
                .subscribe()
                .with(ok -> {}, failure -> LOG.debugf("websocket send failed: %s", failure.getMessage()));
    }
}
