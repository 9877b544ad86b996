package org.mailpush.bench.load;

import java.net.http.WebSocket;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.mailpush.device.DeviceId;
import org.mailpush.json.LinkJson;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/**
 * One simulated terminal on the link (docs/protocol.md): it says hello with its token, reports its
 * state, answers probes at once with its report, and acknowledges every delivery. What it receives
 * goes to its {@link Events}; the time a message arrived is taken before it is parsed.
 */
public final class Terminal implements WebSocket.Listener {
    /** What happens on a terminal that a benchmark wants to know. Called on the client's threads. */
    public interface Events {
        default void welcomed(Terminal terminal) {}

        /** A mail arrived at {@code nanos} ({@link System#nanoTime()}). */
        default void mail(Terminal terminal, ServerMessage.Mail mail, long nanos) {}

        default void policy(Terminal terminal) {}

        default void probed(Terminal terminal) {}

        default void refused(Terminal terminal, ServerMessage.Error error) {}

        default void closed(Terminal terminal, int code) {}
    }

    private final UserId user;
    private final DeviceId device;
    private final String token;
    private final Function<Instant, UsageReport> report;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    /**
     * @param report the terminal's usage report at a moment: what it sends as its state and in probe answers
     */
    public Terminal(UserId user, DeviceId device, String token, Function<Instant, UsageReport> report, Events events) {
        this.user = user;
        this.device = device;
        this.token = token;
        this.report = report;
        this.events = events;
    }

    public UserId user() {
        return user;
    }

    public DeviceId device() {
        return device;
    }

    /** Completes when the server welcomed it; fails when the connection ended before. */
    public CompletableFuture<Void> welcomed() {
        return welcomed;
    }

    /** Reports its state now (a heartbeat, or a change). */
    public void reportState() {
        send(new TerminalMessage.State(report.apply(Instant.now())));
    }

    /** Sends a message once the ones before it are sent: a WebSocket takes one send at a time. */
    public synchronized void send(TerminalMessage message) {
        String text = LinkJson.write(message);
        WebSocket ws = socket;
        sending = sending.thenCompose(ignored -> ws.sendText(text, true)).exceptionally(e -> null);
    }

    /** Closes its connection without waiting. */
    public void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        send(new TerminalMessage.Hello(LinkJson.VERSION, token, 0));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long nanos = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            receive(LinkJson.readServer(text), nanos);
        }
        webSocket.request(1);
        return null;
    }

    private void receive(ServerMessage message, long nanos) {
        switch (message) {
            case ServerMessage.Welcome welcome -> {
                welcomed.complete(null);
                events.welcomed(this);
            }
            case ServerMessage.Mail mail -> {
                events.mail(this, mail, nanos);
                send(new TerminalMessage.Ack(mail.seq()));
            }
            case ServerMessage.Probe probe -> {
                send(new TerminalMessage.ProbeReply(probe.probe(), report.apply(Instant.now())));
                events.probed(this);
            }
            case ServerMessage.PolicyChanged policy -> {
                policy.seq().ifPresent(seq -> send(new TerminalMessage.Ack(seq)));
                events.policy(this);
            }
            case ServerMessage.Error error -> events.refused(this, error);
            default -> message.sequence().ifPresent(seq -> send(new TerminalMessage.Ack(seq)));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        welcomed.completeExceptionally(new IllegalStateException(device + ": closed with " + statusCode + " " + reason));
        events.closed(this, statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        welcomed.completeExceptionally(error);
        events.closed(this, -1);
    }
}
