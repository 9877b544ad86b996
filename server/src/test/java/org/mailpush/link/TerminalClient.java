package org.mailpush.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mailpush.json.LinkJson;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * A terminal for tests: a real WebSocket client (java.net.http) speaking the link protocol, which
 * collects what the server sends and lets a test await the next message of a kind.
 */
public final class TerminalClient implements AutoCloseable {
    public static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the server closed the connection: its close code and reason. */
    public record Closed(int code, String reason) {}

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private TerminalClient(URI uri, String origin) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static TerminalClient connect(int port) {
        return new TerminalClient(URI.create("ws://127.0.0.1:" + port + "/api/link"), null);
    }

    public static TerminalClient connectFrom(int port, String origin) {
        return new TerminalClient(URI.create("ws://127.0.0.1:" + port + "/api/link"), origin);
    }

    /** Connects and says hello; returns once the server welcomed it. */
    public static TerminalClient hello(int port, String token, long lastAck) {
        TerminalClient client = connect(port);
        client.send(new TerminalMessage.Hello(1, token, lastAck));
        client.next(ServerMessage.Welcome.class);
        return client;
    }

    public void send(TerminalMessage message) {
        sendText(LinkJson.write(message));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one text message in several frames, one for each part. */
    public void sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    /** Sends one binary message in as many frames as there are parts. */
    public void sendBinary(byte[]... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendBinary(ByteBuffer.wrap(parts[i]), i == parts.length - 1).join();
        }
    }

    /** Pings the server and returns the payload of its pong. */
    public byte[] ping(byte[] payload) {
        socket.sendPing(ByteBuffer.wrap(payload)).join();
        try {
            ByteBuffer pong = pongs.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (pong == null) {
                throw new AssertionError("no pong from the server within " + PATIENCE);
            }
            byte[] bytes = new byte[pong.remaining()];
            pong.get(bytes);
            return bytes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message from the server, whatever it is. */
    public ServerMessage next() {
        return LinkJson.readServer(nextText());
    }

    /** The next message from the server as the JSON it came as, for tests that read it as any client would. */
    public JsonNode nextJson() {
        String text = nextText();
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the server sent no JSON: " + text, e);
        }
    }

    /** The next message from the server as text. */
    public String nextText() {
        try {
            String text = received.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("no message from the server within " + PATIENCE);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message, which must be of this type. */
    public <T extends ServerMessage> T next(Class<T> type) {
        ServerMessage message = next();
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + message);
        }
        return type.cast(message);
    }

    /** Everything received so far, without waiting. */
    public List<ServerMessage> drain() {
        List<String> texts = new ArrayList<>();
        received.drainTo(texts);
        return texts.stream().map(LinkJson::readServer).toList();
    }

    /** Waits until the server closed the connection; returns the close code. */
    public int awaitClose() {
        return awaitClosed().code();
    }

    /** Waits until the server closed the connection; returns its close code and reason. */
    public Closed awaitClosed() {
        return closed.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

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
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            ByteBuffer copy = ByteBuffer.allocate(message.remaining());
            copy.put(message).flip();
            pongs.add(copy);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
        }
    }
}
