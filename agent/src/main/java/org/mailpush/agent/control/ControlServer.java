package org.mailpush.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailpush.json.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers requests on the control socket, one JSON line each, on virtual threads. */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = StrictJson.reader();
    private static final int MAX_REQUEST = 1024 * 1024;

    /** Answers one request; an exception becomes {@code {"ok": false, "error": message}}. */
    @FunctionalInterface
    public interface Handler {
        ObjectNode handle(JsonNode request) throws Exception;
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Handler handler;
    private final Thread acceptor;

    private ControlServer(ServerSocketChannel server, Path socket, Handler handler) {
        this.server = server;
        this.socket = socket;
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().name("control").unstarted(this::accept);
    }

    /**
     * Listens on the socket file.
     *
     * @throws IllegalStateException when another agent answers there already
     */
    public static ControlServer start(Path socket, Handler handler) throws IOException {
        if (Files.exists(socket)) {
            if (ControlClient.answers(socket)) {
                throw new IllegalStateException("an agent is running already with the state in " + socket.getParent());
            }
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ControlServer started = new ControlServer(server, socket, handler);
        started.acceptor.start();
        return started;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("control socket: {}", e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client; OutputStream out = Channels.newOutputStream(client)) {
            var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            String line = in.readLine();
            ObjectNode answer;
            try {
                if (line == null || line.length() > MAX_REQUEST) {
                    throw new IllegalArgumentException("a request is one JSON line");
                }
                answer = handler.handle(JSON.readTree(line)).put("ok", true);
            } catch (Exception e) {
                answer = JSON.createObjectNode().put("ok", false).put("error", e.getMessage() == null ? e.toString() : e.getMessage());
            }
            out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("control socket client: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
