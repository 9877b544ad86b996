package org.mailpush.agent.link;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.mailpush.json.InvalidInputException;
import org.mailpush.json.LinkJson;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the terminal link: connects, says hello, hands the server's messages to its listener, and
 * sends the agent's. Any failure — refused connection, server restart, network drop noticed by a
 * missing pong — ends the connection, and the client connects again after a jittered backoff that
 * starts over once a connection was welcomed. Sends are queued one after another on the socket.
 */
public final class LinkClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkClient.class);
    private static final Duration HANDSHAKE = Duration.ofSeconds(30);

    /** How the client connects and keeps the connection. */
    public record Settings(ServerAddress server, Backoff backoff, Duration keepalive) {}

    private final Settings settings;
    private final Hello hello;
    private final LinkListener listener;
    private final HttpClient http;
    private final RandomGenerator random;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closed;
    private volatile Connection current;
    private Thread loop;

    public LinkClient(Settings settings, Hello hello, LinkListener listener, HttpClient http, RandomGenerator random) {
        this.settings = settings;
        this.hello = hello;
        this.listener = listener;
        this.http = http;
        this.random = random;
    }

    public void start() {
        loop = Thread.ofVirtual().name("link").start(this::run);
    }

    private void run() {
        int attempt = 0;
        while (!closed) {
            Connection connection = new Connection();
            current = connection;
            boolean welcomed = connection.run();
            current = null;
            if (closed) {
                return;
            }
            attempt = welcomed ? 1 : attempt + 1;
            Duration delay = settings.backoff().delay(attempt, random);
            LOG.info("link: connecting again in {} ms", delay.toMillis());
            try {
                wake.drainPermits();
                wake.tryAcquire(delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends a message if the server has welcomed this connection; false otherwise. */
    public boolean send(TerminalMessage message) {
        Connection connection = current;
        return connection != null && connection.welcomed() && connection.send(LinkJson.write(message));
    }

    /** Whether a welcomed connection is open now. */
    public boolean connected() {
        Connection connection = current;
        return connection != null && connection.welcomed();
    }

    /** Waits, at most this long, until what was sent so far has been written to the socket. */
    public void flush(Duration timeout) {
        Connection connection = current;
        if (connection != null) {
            connection.flush(timeout);
        }
    }

    /** Ends the connection, if any; the client connects again after the usual backoff. */
    public void drop(String why) {
        Connection connection = current;
        if (connection != null) {
            connection.abort(why);
        }
    }

    /** Drops the connection, if any, and connects again at once (after waking from sleep). */
    public void reconnectNow() {
        Connection connection = current;
        if (connection != null) {
            connection.abort("reconnecting");
        }
        wake.release();
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = current;
        if (connection != null) {
            connection.close();
        }
        wake.release();
        timers.shutdownNow();
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One WebSocket connection, from the handshake to its end. */
    private final class Connection implements WebSocket.Listener {
        private final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean welcomed;
        private volatile boolean pongDue;
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        /** Runs the connection until it ends; whether the server welcomed it. */
        boolean run() {
            try {
                socket = http.newWebSocketBuilder().connectTimeout(HANDSHAKE)
                        .buildAsync(settings.server().link(), this).get(HANDSHAKE.toMillis(), TimeUnit.MILLISECONDS);
                sendNow(LinkJson.write(hello.make()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.info("link: cannot connect to {}: {}", settings.server(), reason(e));
                WebSocket ws = socket;
                if (ws != null) {
                    ws.abort();
                }
                ended.complete(null);
                return false;
            }
            ScheduledFuture<?> deadline = timers.schedule(() -> {
                if (!welcomed) {
                    abort("no welcome in time");
                }
            }, HANDSHAKE.toMillis(), TimeUnit.MILLISECONDS);
            long ping = settings.keepalive().toMillis();
            ScheduledFuture<?> pings = timers.scheduleWithFixedDelay(this::ping, ping, ping, TimeUnit.MILLISECONDS);
            ended.exceptionally(e -> null).join();
            deadline.cancel(false);
            pings.cancel(false);
            if (welcomed) {
                listener.disconnected();
            }
            return welcomed;
        }

        boolean welcomed() {
            return welcomed && !ended.isDone();
        }

        synchronized boolean send(String text) {
            if (ended.isDone()) {
                return false;
            }
            sendNow(text);
            return true;
        }

        void flush(Duration timeout) {
            CompletableFuture<?> pending;
            synchronized (this) {
                pending = sending;
            }
            try {
                pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported by the send itself, or simply too slow: the caller goes on
            }
        }

        private synchronized void sendNow(String text) {
            WebSocket ws = socket;
            sending = sending.thenCompose(x -> ws.sendText(text, true)).whenComplete((x, e) -> {
                if (e != null) {
                    abort("send failed: " + reason(e));
                }
            });
        }

        private void ping() {
            if (pongDue) {
                abort("no pong within " + settings.keepalive());
                return;
            }
            pongDue = true;
            WebSocket ws = socket;
            synchronized (this) {
                sending = sending.thenCompose(x -> ws.sendPing(ByteBuffer.allocate(0)));
            }
        }

        void abort(String why) {
            if (!ended.isDone()) {
                LOG.info("link: connection ended ({})", why);
            }
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
            ended.complete(null);
        }

        void close() {
            WebSocket ws = socket;
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping").orTimeout(2, TimeUnit.SECONDS)
                        .exceptionally(e -> null).join();
            }
            abort("agent stopping");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text) {
            ServerMessage message;
            try {
                message = LinkJson.readServer(text);
            } catch (InvalidInputException e) {
                LOG.warn("link: unreadable message from the server: {}", e.getMessage());
                return;
            }
            if (message instanceof ServerMessage.Welcome welcome) {
                welcomed = true;
                LOG.info("link: connected to {} as {} of {}", settings.server(), welcome.device(), welcome.user());
                listener.welcomed(welcome);
            } else {
                if (message instanceof ServerMessage.Error error) {
                    complain(error);
                }
                listener.received(message);
            }
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pongDue = false;
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            LOG.info("link: the server closed the connection ({} {})", statusCode, reason);
            ended.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            abort(reason(error));
        }
    }

    private static void complain(ServerMessage.Error error) {
        if (error.code() == ServerMessage.ErrorCode.UNAUTHORIZED) {
            LOG.error("link: the server refused the device token ({}); enrol again with 'agent enrol'", error.message());
        } else {
            LOG.warn("link: the server refused a message: {} {}", error.code().word(), error.message());
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
