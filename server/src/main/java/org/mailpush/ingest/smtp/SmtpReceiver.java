package org.mailpush.ingest.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.mail.MailStore;
import org.mailpush.user.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in SMTP receiver (SPEC S1, integrated set-up): accepts mail for the users in the
 * {@link UserDirectory}, stores it in the {@link MailStore} and answers 250 only once the store has
 * committed it. It never relays. Each connection is served on its own virtual thread.
 *
 * <p>Lifecycle: {@link #start()} binds the port and begins accepting; {@link #close()} stops
 * accepting, drops open connections and waits for their sessions to end. A receiver starts once.
 */
public final class SmtpReceiver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpReceiver.class);

    private final SmtpSettings settings;
    private final SessionContext context;
    private final ConnectionLimiter limiter;
    private final Map<Socket, Thread> sessions = new ConcurrentHashMap<>();
    private final AtomicLong connectionCount = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Where the sessions' whole-command and whole-data deadlines run out. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "smtp-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private ServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean closed;

    /**
     * @param summarizer sums up each accepted message (as stored, Received header included) for the router
     * @param clock      the time written into Received headers and {@code NewMail.receivedAt}
     * @throws IllegalArgumentException when the TLS key store cannot be read
     */
    public SmtpReceiver(SmtpSettings settings, UserDirectory users, MailStore store,
            MimeSummarizer summarizer, InstantSource clock) {
        this(settings, users, store, summarizer, clock, Quotas.NONE, SmtpReplies.NONE);
    }

    /**
     * @param quotas  how much each user's mailbox may hold; a recipient over it is refused at RCPT, a
     *                message that takes a mailbox over it at the end of DATA
     * @param replies told of every reply to MAIL, RCPT and DATA, e.g. to count them
     */
    public SmtpReceiver(SmtpSettings settings, UserDirectory users, MailStore store,
            MimeSummarizer summarizer, InstantSource clock, Quotas quotas, SmtpReplies replies) {
        this.settings = Objects.requireNonNull(settings, "settings");
        var recipients = new RecipientCheck(Objects.requireNonNull(users, "users"), settings.localDomains(), settings.hostname(),
                settings.postmaster());
        this.context = new SessionContext(settings, recipients, Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(summarizer, "summarizer"), Objects.requireNonNull(clock, "clock"),
                settings.tls().map(SmtpReceiver::tlsContext), new DataBudget(settings.limits().maxDataBytesInFlight()), quotas,
                Objects.requireNonNull(replies, "replies"));
        this.limiter = new ConnectionLimiter(settings.limits().maxConnections(), settings.limits().maxConnectionsPerAddress());
    }

    private static SSLContext tlsContext(SmtpTls tls) {
        char[] password = tls.password().value().toCharArray();
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            var keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(in, password);
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            var context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp.tls.keystore: cannot use " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Binds the listening socket and starts accepting connections.
     *
     * @throws UncheckedIOException  when the address cannot be bound
     * @throws IllegalStateException when the receiver was started before
     */
    public synchronized void start() {
        if (serverSocket != null || closed) {
            throw new IllegalStateException("an SMTP receiver starts only once");
        }
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 100);
        } catch (IOException e) {
            throw new UncheckedIOException("smtp: cannot listen on " + settings.bindAddress().getHostAddress() + ":" + settings.port(), e);
        }
        acceptor = Thread.ofPlatform().name("smtp-accept-" + port()).daemon().start(this::acceptConnections);
        log.info("SMTP receiver {} listening on {}:{}{}", settings.hostname(), settings.bindAddress().getHostAddress(), port(),
                context.tls().isPresent() ? " with STARTTLS" : "");
    }

    /** The port the receiver listens on: the configured one, or the one the system picked for port 0. */
    public synchronized int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("the SMTP receiver is not started");
        }
        return serverSocket.getLocalPort();
    }

    /** Whether the receiver is started and its socket bound and open. */
    public synchronized boolean listening() {
        return serverSocket != null && serverSocket.isBound() && !serverSocket.isClosed() && !closed;
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed || serverSocket.isClosed()) {
                    return;
                }
                // e.g. out of file descriptors: pause rather than spin, but wake at once on close
                log.error("SMTP receiver could not accept a connection", e);
                awaitClosing(Duration.ofMillis(100));
                continue;
            }
            InetAddress client = socket.getInetAddress();
            var admission = limiter.admit(client);
            var session = Thread.ofVirtual().name("smtp-" + connectionCount.incrementAndGet())
                    .unstarted(() -> serve(socket, client, admission));
            sessions.put(socket, session);
            session.start();
        }
    }

    private void awaitClosing(Duration pause) {
        try {
            closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket, InetAddress client, ConnectionLimiter.Admission admission) {
        try (socket; var connection = new Connection(socket, deadlines)) {
            switch (admission) {
                case ADMITTED -> new SmtpSession(context, connection).run();
                case SERVER_FULL -> connection.send(Reply.of(421, "4.7.0", settings.hostname() + " Too many connections, try again later"));
                case ADDRESS_FULL -> connection.send(Reply.of(421, "4.7.0",
                        settings.hostname() + " Too many connections from your address, try again later"));
            }
        } catch (IOException e) {
            log.debug("SMTP connection from {} failed: {}", client.getHostAddress(), e.getMessage());
        } finally {
            if (admission == ConnectionLimiter.Admission.ADMITTED) {
                limiter.release(client);
            }
            sessions.remove(socket);
        }
    }

    private static void closeQuietly(AutoCloseable socket) {
        try {
            socket.close();
        } catch (Exception e) {
            log.debug("Error while closing {}: {}", socket, e.getMessage());
        }
    }

    /** Stops accepting, closes every open connection and waits until their sessions have ended. */
    @Override
    public void close() {
        ServerSocket listening;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing.countDown();
            listening = serverSocket;
        }
        if (listening == null) {
            return;
        }
        try {
            closeQuietly(listening);
            acceptor.join();
            sessions.keySet().forEach(SmtpReceiver::closeQuietly);
            for (Thread session : sessions.values()) {
                session.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deadlines.shutdownNow();
        }
        log.info("SMTP receiver {} closed", settings.hostname());
    }
}
