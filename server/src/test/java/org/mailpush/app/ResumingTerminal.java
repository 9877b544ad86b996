package org.mailpush.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mailpush.json.LinkJson;
import org.mailpush.mail.MailId;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * A terminal as a real one behaves on the documented link (docs/protocol.md): it acknowledges every
 * delivery, and when its connection drops it connects again — through the load balancer — saying hello
 * with the last sequence number it acknowledged. It keeps, per mail, the sequence numbers it was given,
 * so that a test sees a mail given twice under two numbers (a duplicate) apart from a resend of one.
 */
final class ResumingTerminal implements AutoCloseable {
    private final URI link;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<MailId, List<Long>> mails = new ConcurrentHashMap<>();
    private final BlockingQueue<ServerMessage> others = new LinkedBlockingQueue<>();
    private final List<Duration> outages = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile long lastAck;
    private volatile boolean closing;
    private volatile WebSocket socket;
    private volatile Instant lostAt;

    private ResumingTerminal(int port, String token) {
        this.link = URI.create("ws://127.0.0.1:" + port + "/api/link");
        this.token = token;
    }

    /** Connects, says hello, and returns once welcomed. */
    static ResumingTerminal connect(int port, String token) {
        ResumingTerminal terminal = new ResumingTerminal(port, token);
        terminal.open().orTimeout(10, TimeUnit.SECONDS).join();
        return terminal;
    }

    private CompletableFuture<Void> open() {
        CompletableFuture<Void> welcomed = new CompletableFuture<>();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(2)).buildAsync(link, new Listener(welcomed))
                .whenComplete((ws, failed) -> {
                    if (failed != null) {
                        welcomed.completeExceptionally(failed);
                        return;
                    }
                    socket = ws;
                    ws.sendText(LinkJson.write(new TerminalMessage.Hello(1, token, lastAck)), true);
                });
        return welcomed;
    }

    /** Connects again until welcomed, a few times a second, as long as the terminal is not closed. */
    private void reconnect() {
        Thread.ofVirtual().start(() -> {
            while (!closing) {
                try {
                    open().get(5, TimeUnit.SECONDS);
                    Instant lost = lostAt;
                    if (lost != null) {
                        outages.add(Duration.between(lost, Instant.now()));
                    }
                    return;
                } catch (Exception notYet) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            }
        });
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<Void> welcomed;
        private final StringBuilder partial = new StringBuilder();
        private boolean dropped;

        Listener(CompletableFuture<Void> welcomed) {
            this.welcomed = welcomed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                ServerMessage message = LinkJson.readServer(partial.toString());
                partial.setLength(0);
                received(webSocket, message, welcomed);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            welcomed.completeExceptionally(error);
            lost();
        }

        private void lost() {
            if (!dropped && welcomed.isDone() && !welcomed.isCompletedExceptionally()) {
                dropped = true;
                lostAt = Instant.now();
                reconnect();
            }
        }
    }

    /** Runs on the connection's own listener thread: a connection that hangs holds up no other. */
    private void received(WebSocket webSocket, ServerMessage message, CompletableFuture<Void> welcomed) {
        switch (message) {
            case ServerMessage.Welcome w -> welcomed.complete(null);
            case ServerMessage.Mail mail -> {
                List<Long> seqs = mails.computeIfAbsent(mail.mail(), id -> java.util.Collections.synchronizedList(new ArrayList<>()));
                if (!seqs.contains(mail.seq())) {
                    seqs.add(mail.seq());
                }
                acknowledge(webSocket, mail.seq());
            }
            case ServerMessage.Hint hint -> acknowledge(webSocket, hint.seq());
            case ServerMessage.FlagsChanged flags -> {
                others.add(flags);
                acknowledge(webSocket, flags.seq());
            }
            case ServerMessage.Retract retract -> {
                others.add(retract);
                acknowledge(webSocket, retract.seq());
            }
            case ServerMessage.PolicyChanged changed -> {
                changed.seq().ifPresent(seq -> acknowledge(webSocket, seq));
                others.add(changed);
            }
            default -> others.add(message);
        }
    }

    private void acknowledge(WebSocket webSocket, long seq) {
        synchronized (this) {
            lastAck = Math.max(lastAck, seq);
        }
        send(webSocket, new TerminalMessage.Ack(seq));
    }

    void send(TerminalMessage message) {
        send(socket, message);
    }

    /** One message at a time on a connection, as the WebSocket client requires; a dead connection gives up after 2 s. */
    private static void send(WebSocket webSocket, TerminalMessage message) {
        synchronized (webSocket) {
            webSocket.sendText(LinkJson.write(message), true).orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }

    /** The next message other than a mail, a hint or a welcome, waiting up to the patience. */
    <T extends ServerMessage> T next(Class<T> type, Duration patience) throws InterruptedException {
        long end = System.nanoTime() + patience.toNanos();
        while (true) {
            ServerMessage message = others.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + patience);
            }
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    /** The mails given, each with the sequence numbers it was given under. */
    Map<MailId, List<Long>> mails() {
        return Map.copyOf(mails);
    }

    /** Waits until the terminal has this many mails, or the patience ran out; how many it has. */
    int awaitMails(int count, Duration patience) {
        long end = System.nanoTime() + patience.toNanos();
        while (mails.size() < count && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return mails.size();
    }

    /** How long each loss of the connection lasted until the terminal was welcomed again. */
    List<Duration> outages() {
        return List.copyOf(outages);
    }

    @Override
    public void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
