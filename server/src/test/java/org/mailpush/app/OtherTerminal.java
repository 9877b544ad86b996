package org.mailpush.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A second terminal of a user, enrolled by the admin and connected over the link, that collects what it is sent. */
final class OtherTerminal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;

    private OtherTerminal(WebSocket socket, BlockingQueue<JsonNode> received) {
        this.socket = socket;
        this.received = received;
    }

    static OtherTerminal connect(int httpPort, Path data, String user, String device) throws Exception {
        return connect(httpPort, data, user, device, "phone", false);
    }

    /** A terminal of this type that acknowledges everything it is delivered, as a real one does. */
    static OtherTerminal acknowledging(int httpPort, Path data, String user, String device, String type) throws Exception {
        return connect(httpPort, data, user, device, type, true);
    }

    private static OtherTerminal connect(int httpPort, Path data, String user, String device, String type, boolean acknowledge)
            throws Exception {
        String token = JSON.readTree(Admin.post(httpPort, data, "/api/admin/users/" + user + "/devices",
                "{\"id\": \"" + device + "\", \"type\": \"" + type + "\"}")).path("token").asText();
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create("ws://127.0.0.1:" + httpPort + "/api/link"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();
                    /** Acknowledgements go one after the other: a WebSocket takes one text at a time. */
                    private CompletableFuture<WebSocket> acks = CompletableFuture.completedFuture(null);

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
                        partial.append(text);
                        if (last) {
                            try {
                                JsonNode message = JSON.readTree(partial.toString());
                                received.add(message);
                                if (acknowledge && message.has("seq")) {
                                    String ack = "{\"type\": \"ack\", \"seq\": " + message.path("seq").asLong() + "}";
                                    acks = acks.thenCompose(previous -> webSocket.sendText(ack, true));
                                }
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\": \"hello\", \"v\": 1, \"token\": \"" + token + "\", \"lastAck\": 0}", true).get(10, TimeUnit.SECONDS);
        OtherTerminal terminal = new OtherTerminal(socket, received);
        terminal.awaitMessage("welcome");
        return terminal;
    }

    /** The next message of this type, skipping others; fails after 20 s. */
    JsonNode awaitMessage(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message != null && message.path("type").asText().equals(type)) {
                return message;
            }
        }
        throw new AssertionError("no '" + type + "' message came");
    }

    /** Sends a usage report, the {@code report} of a {@code state} message (docs/protocol.md). */
    void report(String report) throws Exception {
        socket.sendText("{\"type\": \"state\", \"report\": " + report + "}", true).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
