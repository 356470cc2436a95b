package dev.fleetsynth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers that must be told their port before they start. */
public final class Ports {
    private Ports() {}

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * The given port, or a free one when it is 0. A fixed port that something else holds is an
     * error naming the port and the server, rather than a server that fails to start obscurely.
     */
    public static int orFree(int port, String server) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(
                    server + " cannot listen on 127.0.0.1:" + port
                            + ": the port is in use (another Fleetsynth still running, or another server)",
                    e);
        }
    }
}
