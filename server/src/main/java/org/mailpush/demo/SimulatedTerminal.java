package org.mailpush.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.mailpush.json.ReportJson;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;

/**
 * A terminal of the demo, speaking the terminal link (docs/protocol.md) over a WebSocket: it says
 * hello with its token, reports its usage whenever the scene changes it, answers probes, and
 * acknowledges whatever it is pushed, printing a line for each mail and hint.
 */
public final class SimulatedTerminal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String device;
    private final String token;
    private final InstantSource clock;
    private final PrintStream out;
    private final StringBuilder partial = new StringBuilder();
    private volatile Scene.Usage usage = Scene.Usage.IDLE;
    private volatile Instant lastInput;
    private WebSocket socket;

    public SimulatedTerminal(String device, String token, InstantSource clock, PrintStream out) {
        this.device = device;
        this.token = token;
        this.clock = clock;
        this.out = out;
        this.lastInput = clock.instant().minus(Duration.ofMinutes(30));
    }

    /** Connects and says hello; returns once the server welcomed the terminal. */
    public void connect(URI link) throws Exception {
        CompletableFuture<Void> welcomed = new CompletableFuture<>();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(link, new Listener(welcomed)).get(10, TimeUnit.SECONDS);
        send(JSON.createObjectNode().put("type", "hello").put("v", 1).put("token", token).put("lastAck", 0));
        welcomed.get(10, TimeUnit.SECONDS);
    }

    /** Sets the user's policy from this terminal (SPEC T6). */
    public void setPolicy(JsonNode policy) {
        ObjectNode message = JSON.createObjectNode().put("type", "policy.set");
        message.set("policy", policy);
        send(message);
    }

    /** Takes on a scene's usage and reports it; typing also counts as fresh input. */
    public void use(Scene.Usage usage) {
        this.usage = usage;
        if (usage == Scene.Usage.TYPING) {
            lastInput = clock.instant();
        }
        report();
    }

    /** Reports the current usage again; a terminal being typed on has had input just now. */
    public void report() {
        if (usage == Scene.Usage.TYPING) {
            lastInput = clock.instant().minusSeconds(1);
        }
        ObjectNode message = JSON.createObjectNode().put("type", "state");
        message.set("report", ReportJson.write(currentReport()));
        send(message);
    }

    private UsageReport currentReport() {
        Instant now = clock.instant();
        UsageReport on = UsageReport.on(now).withLastInput(lastInput);
        return switch (usage) {
            case TYPING -> on;
            case CARRIED -> on.withProximity(Proximity.NEAR).withTemperature(new Temperature(34.6));
            case IDLE -> device.equals("phone") ? on.withProximity(Proximity.AWAY).withTemperature(new Temperature(23.5)) : on;
            case ASLEEP -> on.withPower(PowerState.ASLEEP);
            case OFF -> on.withPower(PowerState.OFF);
        };
    }

    private synchronized void send(JsonNode message) {
        try {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.printf("  %s: could not send (%s)%n", device, e.getMessage());
        }
    }

    private void receive(JsonNode message) {
        switch (message.path("type").asText()) {
            case "mail" -> out.printf("  %-8s got the mail '%s'%n", device, message.at("/summary/subject").asText());
            case "hint" -> out.printf("  %-8s got a hint: %s%n", device, message.path("text").asText());
            case "probe" -> {
                ObjectNode reply = JSON.createObjectNode().put("type", "probe.reply").put("probe", message.path("probe").asText());
                reply.set("report", ReportJson.write(currentReport()));
                send(reply);
            }
            case "error" -> out.printf("  %-8s was refused: %s%n", device, message.path("message").asText());
            default -> { }
        }
        if (message.has("seq")) {
            send(JSON.createObjectNode().put("type", "ack").put("seq", message.get("seq").asLong()));
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "demo over");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> welcomed;

        Listener(CompletableFuture<Void> welcomed) {
            this.welcomed = welcomed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.path("type").asText().equals("welcome")) {
                        welcomed.complete(null);
                    } else {
                        // Not on the listener's thread: sending from here could wait on ourselves.
                        Thread.startVirtualThread(() -> receive(message));
                    }
                } catch (Exception e) {
                    out.printf("  %s: unreadable message (%s)%n", device, e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            welcomed.completeExceptionally(new IllegalStateException("closed: " + reason));
            return null;
        }
    }
}
