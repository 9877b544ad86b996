package org.mailpush.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * A terminal on the link (docs/protocol.md) that shares nothing with the server: a plain blocking
 * socket, its own WebSocket framing (RFC 6455, client side), and JSON read and written as a generic
 * tree — none of the server's message classes, codecs or HTTP libraries. One virtual thread reads
 * each connection; the moment a frame's first byte arrives is the moment it is timed at. It says
 * hello with its token, acknowledges every delivery, answers probes with its report and hands
 * what it receives to its {@link Events}.
 */
public final class PlainTerminal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a benchmark wants to know; called on the terminal's reader thread. */
    public interface Events {
        /** A {@code mail} (full) or a {@code hint} arrived; {@code nanos} is {@link System#nanoTime()} at its first byte. */
        void delivered(PlainTerminal terminal, boolean full, long mail, String subject, long nanos);

        /** A {@code policy} message arrived. */
        default void policy(PlainTerminal terminal) {}

        /** An {@code error} arrived. */
        default void refused(PlainTerminal terminal, String code) {}
    }

    private final int index;
    private final boolean inUse;
    private final Events events;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();

    /**
     * Connects to the link at {@code 127.0.0.1:port/api/link}, upgrades to WebSocket and says hello;
     * {@link #welcomed()} completes when the server welcomes it.
     *
     * @param inUse whether its proximity sensor senses its user (what it reports)
     */
    public PlainTerminal(int port, InetAddress source, String token, int index, boolean inUse, Events events) {
        this.index = index;
        this.inUse = inUse;
        this.events = events;
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
            upgrade(port);
        } catch (IOException e) {
            throw new UncheckedIOException("link: cannot connect: " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("plain-terminal-" + index).start(this::read);
        ObjectNode hello = message("hello").put("v", 1).put("minor", 1).put("token", token).put("lastAck", 0);
        send(hello);
    }

    public int index() {
        return index;
    }

    public CompletableFuture<Void> welcomed() {
        return welcomed;
    }

    /** Reports its state: on, and its user near (in use) or away. */
    public void reportState() {
        send(message("state").set("report", report()));
    }

    /** Sets its user's policy, e.g. {@code {"others": "hint", "rules": [{"kind": "in-use"}]}}. */
    public void setPolicy(String policy) {
        try {
            send(message("policy.set").set("policy", JSON.readTree(policy)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + policy, e);
        }
    }

    /** Asks for its user's policy; the answer is a {@code policy} message. */
    public void askPolicy() {
        send(message("policy.get"));
    }

    private ObjectNode report() {
        return JSON.createObjectNode().put("at", Instant.now().toString()).put("power", "on").put("proximity", inUse ? "near" : "away");
    }

    private static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private void upgrade(int port) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET /api/link HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = headerLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("no WebSocket upgrade: " + status);
        }
        while (!headerLine().isEmpty()) {
            // the headers say nothing this terminal needs
        }
    }

    private String headerLine() throws IOException {
        var line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection during the upgrade");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** Sends a text frame, masked as a client must. */
    private synchronized void send(ObjectNode message) {
        try {
            byte[] payload = JSON.writeValueAsBytes(message);
            out.write(0x81); // FIN, text
            if (payload.length < 126) {
                out.write(0x80 | payload.length);
            } else {
                out.write(0x80 | 126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i & 3]);
            }
            out.flush();
        } catch (IOException e) {
            // The connection is gone; its reader says so.
        }
    }

    private synchronized void pong(byte[] payload) throws IOException {
        out.write(0x8A);
        out.write(0x80 | payload.length);
        byte[] mask = new byte[4];
        out.write(mask);
        out.write(payload);
        out.flush();
    }

    private void read() {
        var text = new ByteArrayOutputStream(4096);
        long first = 0;
        try {
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    break;
                }
                if (text.size() == 0) {
                    first = System.nanoTime();
                }
                int b1 = in.read();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                int opcode = b0 & 0x0f;
                if (opcode == 0x8) {
                    break;
                } else if (opcode == 0x9) {
                    pong(payload);
                } else if (opcode == 0x1 || opcode == 0x0) {
                    text.write(payload);
                    if ((b0 & 0x80) != 0) {
                        receive(JSON.readTree(text.toByteArray()), first);
                        text.reset();
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
        welcomed.completeExceptionally(new IllegalStateException("terminal " + index + ": the connection ended"));
    }

    private void receive(JsonNode message, long nanos) {
        String type = message.path("type").asText();
        switch (type) {
            case "welcome" -> welcomed.complete(null);
            case "mail", "hint" -> events.delivered(this, type.equals("mail"), message.path("mail").asLong(),
                    message.path("summary").path("subject").asText(), nanos);
            case "probe" -> send(message("probe.reply").put("probe", message.path("probe").asText()).set("report", report()));
            case "policy" -> events.policy(this);
            case "error" -> events.refused(this, message.path("code").asText());
            default -> { }
        }
        if (message.has("seq")) {
            send(message("ack").put("seq", message.path("seq").asLong()));
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
