package dev.fleetsynth.gateway.live;

import dev.fleetsynth.gateway.task.Task;
import dev.fleetsynth.gateway.task.TaskView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * WebSockets of one task's progress: the latest state first (so a client that joins late is not
 * left waiting), then one message per update, closing after the final one.
 */
public final class TaskSockets {
    private TaskSockets() {}

    static void open(WebSocketConnection connection, LiveHub hub, LatestProgress latest) {
        UUID taskId;
        try {
            taskId = UUID.fromString(connection.pathParam("task_id"));
        } catch (IllegalArgumentException e) {
            connection.sendTextAndAwait(
                    "{\"code\":\"BAD_REQUEST\",\"message\":\"task_id must be a UUID\",\"details\":[]}");
            connection.closeAndAwait();
            return;
        }
        hub.watch(taskId, connection);
        String snapshot = latest.latestJson(taskId).orElse(null);
        boolean finished;
        if (snapshot == null) {
            TaskView view = QuarkusTransaction.requiringNew().call(() -> {
                Task t = Task.findById(taskId);
                return t == null ? null : TaskView.of(t);
            });
            snapshot = view == null ? null : hub.write(view);
            finished = view != null && view.finished();
        } else {
            finished = snapshot.contains("\"finished\":true");
        }
        // onOpen runs on a worker thread (it returns void), so waiting here is fine.
        if (snapshot != null) {
            connection.sendTextAndAwait(snapshot);
        }
        if (finished) {
            hub.leave(connection);
            connection.closeAndAwait();
        }
    }

    @WebSocket(path = "/ws/gan/training/{task_id}")
    public static class Training {
        @Inject
        WebSocketConnection connection;

        @Inject
        LiveHub hub;

        @Inject
        LatestProgress latest;

        @OnOpen
        void onOpen() {
            open(connection, hub, latest);
        }

        @OnClose
        void onClose() {
            hub.leave(connection);
        }
    }

    @WebSocket(path = "/ws/tasks/{task_id}/progress")
    public static class Progress {
        @Inject
        WebSocketConnection connection;

        @Inject
        LiveHub hub;

        @Inject
        LatestProgress latest;

        @OnOpen
        void onOpen() {
            open(connection, hub, latest);
        }

        @OnClose
        void onClose() {
            hub.leave(connection);
        }
    }

    /** Every task update of the fleet, for the dashboard's notifications; never closes by itself. */
    @WebSocket(path = "/ws/events")
    public static class Everything {
        @Inject
        WebSocketConnection connection;

        @Inject
        LiveHub hub;

        @OnOpen
        void onOpen() {
            hub.watchAll(connection);
        }

        @OnClose
        void onClose() {
            hub.leave(connection);
        }
    }
}
