package org.mailpush.ingest.upstream;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.mailpush.mail.StoreException;
import org.mailpush.upstream.UpstreamAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every watcher shares: run sessions until closed, turn each failure into a
 * {@link WatcherStatus.Failed} and a log line without the secret, and reconnect after a jittered,
 * growing pause; after {@code maxAttempts} failures in a row, or once it has been failing for
 * {@code giveUpAfter}, give up ({@link WatcherStatus.GaveUp}, with the last reason) rather than try for
 * ever. A full mailbox pauses the watcher ({@link WatcherStatus.Paused}) without counting as a
 * failure. This is the one place where a watcher's environmental failures become outcomes.
 *
 * <p>Closing interrupts the watcher's thread only while it is inside {@link #interruptibly}: in a
 * pause or an IDLE. An interrupt anywhere else could break a store write half-way (a JDBC driver
 * closes its connection, H2 its file), so the fetch or store step in progress is let finish instead.
 */
public final class WatchLoop {
    private static final Logger log = LoggerFactory.getLogger(WatchLoop.class);

    /** One connection's worth of watching: returns when the loop is closed, throws on any failure. */
    @FunctionalInterface
    public interface Session {
        void run() throws Exception;
    }

    /** A blocking step that closing the loop may interrupt. */
    @FunctionalInterface
    public interface Blocking<E extends Exception> {
        void run() throws E, InterruptedException;
    }

    private final UpstreamAccount account;
    private final WatcherEnvironment environment;
    private final Backoff backoff;
    private final Object lock = new Object();
    private volatile WatcherStatus status;
    private volatile boolean closed;
    private Thread waiting; // guarded by lock: the watcher's thread while it is in an interruptible step
    // The watcher's thread only, all since the last healthy session:
    private int backoffStep; // failures and pauses, for the length of the next wait
    private int failedInRow; // failures, for upstream.max-attempts
    private Instant failingSince; // the first failure, for upstream.give-up-after; null while not failing

    public WatchLoop(UpstreamAccount account, WatcherEnvironment environment) {
        this.account = Objects.requireNonNull(account, "account");
        this.environment = Objects.requireNonNull(environment, "environment");
        var settings = environment.settings();
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), environment.random());
        this.status = new WatcherStatus.Connecting(environment.clock().instant());
    }

    /** Runs sessions one after the other until {@link #close()}; call once, on the watcher's thread. */
    public void run(Session session) {
        try {
            while (!closed && !(status instanceof WatcherStatus.GaveUp)) {
                status(new WatcherStatus.Connecting(environment.clock().instant()));
                try {
                    session.run();
                } catch (Exception failure) {
                    if (!closed) {
                        retryAfter(failure);
                    }
                }
            }
        } finally {
            if (!(status instanceof WatcherStatus.GaveUp)) {
                status(new WatcherStatus.Stopped(environment.clock().instant()));
            }
        }
    }

    private void retryAfter(Exception failure) {
        Instant now = environment.clock().instant();
        String reason = reason(failure);
        if (failure instanceof MailboxFullException) {
            // Not a failure of the upstream server, which let the watcher in: the mail waits there until
            // the mailbox has room, however long that takes, so this neither fails nor gives up.
            failingSince = null;
            failedInRow = 0;
            Duration delay = backoff.delay(backoffStep++);
            status(new WatcherStatus.Paused(failure.getMessage(), now.plus(delay)));
            log.warn("{}: paused, {}; trying again in {}", account.server().describe(), failure.getMessage(), delay);
            pauseQuietly(delay);
            return;
        }
        if (failingSince == null) {
            failingSince = now;
        }
        failedInRow++;
        UpstreamSettings settings = environment.settings();
        Instant deadline = failingSince.plus(settings.giveUpAfter());
        if (failedInRow >= settings.maxAttempts() || !now.isBefore(deadline)) {
            status(new WatcherStatus.GaveUp(reason, failedInRow, now));
            log.error("{}: {}; gave up after {} failed attempts in a row over {} (upstream.max-attempts {}, "
                            + "upstream.give-up-after {}); add the account again or restart the server to retry",
                    account.server().describe(), reason, failedInRow, Duration.between(failingSince, now),
                    settings.maxAttempts(), settings.giveUpAfter());
            return;
        }
        // The last attempt falls on the deadline rather than a backoff's length past it.
        Duration delay = backoff.delay(backoffStep++);
        if (now.plus(delay).isAfter(deadline)) {
            delay = Duration.between(now, deadline);
        }
        status(new WatcherStatus.Failed(reason, now.plus(delay)));
        if (refusedLogin(failure)) {
            log.error("{}: {}; retrying in {}", account.server().describe(), reason, delay);
        } else if (failure instanceof MessagingException || failure instanceof IOException
                || failure instanceof StoreException) {
            log.warn("{}: {}; retrying in {}", account.server().describe(), reason, delay);
        } else {
            log.warn("{}: unexpected {}; retrying in {}", account.server().describe(), reason, delay, failure);
        }
        pauseQuietly(delay);
    }

    private void pauseQuietly(Duration delay) {
        try {
            pause(delay);
        } catch (InterruptedException e) {
            // closed: run() sees it and stops
        }
    }

    /** The failure in one line, with the account's secret blotted out should a server have echoed it. */
    String reason(Exception failure) {
        String name = refusedLogin(failure)
                ? "authentication failed"
                : failure.getClass().getSimpleName();
        String text = failure.getMessage() == null ? name : name + ": " + failure.getMessage().strip();
        String secret = account.server().password().value();
        return secret.isEmpty() ? text : text.replace(secret, "******");
    }

    /**
     * Whether the server refused the login. Angus Mail's POP3 also reports a connection closed before
     * the greeting as an {@link AuthenticationFailedException} "EOF on socket": that is an outage.
     */
    private static boolean refusedLogin(Exception failure) {
        return failure instanceof AuthenticationFailedException && !"EOF on socket".equals(failure.getMessage());
    }

    /** The session connected and caught up: the next failure starts the backoff afresh. */
    public void healthy() {
        backoffStep = 0;
        failedInRow = 0;
        failingSince = null;
    }

    public WatcherStatus status() {
        return status;
    }

    public void status(WatcherStatus now) {
        status = Objects.requireNonNull(now, "now");
    }

    public boolean closed() {
        return closed;
    }

    /** Waits through the environment's {@link Pause}; closing the loop ends the wait. */
    public void pause(Duration duration) throws InterruptedException {
        interruptibly(() -> environment.pause().pause(duration));
    }

    /**
     * Runs a blocking step that {@link #close()} may interrupt.
     *
     * @throws InterruptedException when the loop is closed before or during the step
     */
    public <E extends Exception> void interruptibly(Blocking<E> step) throws E, InterruptedException {
        synchronized (lock) {
            if (closed) {
                throw new InterruptedException("watcher closed");
            }
            waiting = Thread.currentThread();
        }
        try {
            step.run();
        } finally {
            synchronized (lock) {
                waiting = null;
                // An interrupt from close() was meant for this step only; never carry it into store work.
                Thread.interrupted();
            }
        }
    }

    /** Asks {@link #run} to return: ends a pause or IDLE now, or lets the step in progress finish first. */
    public void close() {
        synchronized (lock) {
            closed = true;
            if (waiting != null) {
                waiting.interrupt();
            }
        }
    }
}
