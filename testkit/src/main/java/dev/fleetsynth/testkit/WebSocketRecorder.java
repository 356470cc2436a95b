package dev.fleetsynth.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A WebSocket client (the JDK's) for tests: keeps every text message and says when the server closed. */
public final class WebSocketRecorder implements WebSocket.Listener {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Boolean> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    private WebSocketRecorder() {}

    /** Connects to {@code path} on the host and port of {@code httpRoot}. */
    public static WebSocketRecorder open(URI httpRoot, String path) throws Exception {
        return open(httpRoot, path, null);
    }

    /** Connects with {@code Authorization: Bearer <token>} on the upgrade request (none when null). */
    public static WebSocketRecorder open(URI httpRoot, String path, String bearer) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder();
        URI ws = URI.create("ws://" + httpRoot.getHost() + ":" + httpRoot.getPort() + path);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        builder.buildAsync(ws, recorder).get(10, TimeUnit.SECONDS);
        return recorder;
    }

    public List<String> messages() {
        return List.copyOf(received);
    }

    /** True once the server has closed the connection, within the timeout; false if it has not by then. */
    public boolean awaitClose(Duration timeout) throws Exception {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Waits until at least {@code n} messages have come; false if the timeout passes first. */
    public boolean awaitMessages(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return received.size() >= n;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(true);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
