package dev.fleetsynth.gateway.live;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.fleetsynth.events.FleetEvent;
import dev.fleetsynth.gateway.task.TaskView;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Who is watching which task on this replica, and the fan-out of every task update to them. Each
 * replica reads the update events in a consumer group of its own, so a client gets its task's
 * updates whichever replica it is connected to.
 */
@ApplicationScoped
public class LiveHub {
    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    private final Map<UUID, Set<WebSocketConnection>> byTask = new ConcurrentHashMap<>();
    private final Set<WebSocketConnection> everything = ConcurrentHashMap.newKeySet();

    @Inject
    ObjectMapper json;

    public void watch(UUID taskId, WebSocketConnection connection) {
        byTask.computeIfAbsent(taskId, k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    public void watchAll(WebSocketConnection connection) {
        everything.add(connection);
    }

    public void leave(WebSocketConnection connection) {
        everything.remove(connection);
        byTask.values().forEach(set -> set.remove(connection));
        byTask.values().removeIf(Set::isEmpty);
    }

    @Incoming("live")
    public void onEvent(FleetEvent event) {
        if (event == null) {
            return;
        }
        TaskView update = LiveUpdates.of(event);
        if (update == null) {
            return;
        }
        String message = write(update);
        for (WebSocketConnection c : everything) {
            send(c, message, false);
        }
        Set<WebSocketConnection> watchers = byTask.get(update.taskId());
        if (watchers != null) {
            for (WebSocketConnection c : watchers) {
                send(c, message, update.finished());
            }
            if (update.finished()) {
                byTask.remove(update.taskId());
            }
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
        (thenClose ? sent.chain(() -> c.close()) : sent).subscribe().with(ok -> {
        }, failure -> LOG.debugf("websocket send failed: %s", failure.getMessage()));
    }
}
