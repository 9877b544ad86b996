package org.mailpush.ingest.upstream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A line-by-line TCP relay between a watcher and GreenMail on an ephemeral port: it can cut every
 * connection and refuse new ones (a network outage), rewrite what the server says, and keeps every
 * line the client sent so that tests can read the client's side of the conversation. It can also
 * act at the moment a client sends a certain command, before the server sees it, which makes a race
 * between the client and a new mail happen every time.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final UnaryOperator<String> serverLines;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> clientLines = new CopyOnWriteArrayList<>();
    private final AtomicReference<Trigger> trigger = new AtomicReference<>();
    private volatile boolean refusing;

    private record Trigger(String regex, Runnable action) {
    }

    /** Relays to the port as is. */
    public TcpProxy(int targetPort) throws IOException {
        this(targetPort, UnaryOperator.identity());
    }

    /** Relays to the port, passing each line the server sends (without its CRLF) through the rewrite. */
    public TcpProxy(int targetPort, UnaryOperator<String> serverLines) throws IOException {
        this.targetPort = targetPort;
        this.serverLines = serverLines;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every line the clients sent so far, without CRLF. */
    public List<String> clientLines() {
        return List.copyOf(clientLines);
    }

    /** Runs the action once, when a client first sends a line matching the regex, before passing the line on. */
    public void whenClientSends(String regex, Runnable action) {
        trigger.set(new Trigger(regex, action));
    }

    /** Cuts every connection and closes each new one at once, until {@link #restore()}. */
    public void cut() {
        refusing = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        refusing = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> relay(server, client, serverLines, false));
                Thread.ofVirtual().start(() -> relay(client, server, UnaryOperator.identity(), true));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void relay(Socket from, Socket to, UnaryOperator<String> rewrite, boolean record) {
        try (from; to) {
            InputStream in = new BufferedInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            var line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                line.write(b);
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    String bare = text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text.strip();
                    if (record) {
                        clientLines.add(bare);
                        Trigger armed = trigger.get();
                        if (armed != null && bare.matches(armed.regex()) && trigger.compareAndSet(armed, null)) {
                            armed.action().run();
                        }
                    }
                    String rewritten = rewrite.apply(bare);
                    out.write(rewritten.equals(bare) ? line.toByteArray()
                            : (rewritten + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    line.reset();
                }
            }
        } catch (IOException e) {
            // cut, or one side went away
        } finally {
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
