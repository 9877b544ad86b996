package org.mailpush.agent.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback between the agent and the server, standing in for the network: it can
 * cut every connection (a reset), turn into a black hole that swallows bytes without closing
 * anything (a dead Wi-Fi), and be pointed at another server port (the server restarted).
 */
final class TcpProxy implements AutoCloseable {
    private enum Mode { FORWARD, BLACK_HOLE }

    private final ServerSocket listener;
    /** One relayed connection; once dead, it swallows everything for good. */
    private record Relay(Socket client, Socket server, java.util.concurrent.atomic.AtomicBoolean dead) {}

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private volatile int target;
    private volatile Mode mode = Mode.FORWARD;

    TcpProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    java.net.URI url() {
        return java.net.URI.create("http://127.0.0.1:" + port());
    }

    void retarget(int port) {
        target = port;
    }

    /** Closes every connection at once, both ways. */
    void cut() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        relays.clear();
    }

    /** From now on nothing passes, and nothing is closed either. */
    void blackHole() {
        mode = Mode.BLACK_HOLE;
        relays.forEach(relay -> relay.dead().set(true));
    }

    /** New connections pass again; the ones that fell into the black hole stay there. */
    void heal() {
        mode = Mode.FORWARD;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (mode == Mode.BLACK_HOLE) {
                    Thread.ofVirtual().start(() -> swallow(client));
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException e) {
                    closeQuietly(client); // the server is down: so is the client's connection
                    continue;
                }
                sockets.add(server);
                Relay relay = new Relay(client, server, new java.util.concurrent.atomic.AtomicBoolean());
                relays.add(relay);
                Thread.ofVirtual().start(() -> pump(relay, client, server));
                Thread.ofVirtual().start(() -> pump(relay, server, client));
            } catch (IOException e) {
                // the listener closed, or the server is down: the client sees its connection end
            }
        }
    }

    private void pump(Relay relay, Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (relay.dead().get()) {
                    swallow(from);
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut
        } finally {
            if (!relay.dead().get()) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }
    }

    private static void swallow(Socket socket) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = socket.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // dropped on the floor
            }
        } catch (IOException e) {
            // cut
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
