package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.UserId;

class WatchLoopTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final String SECRET = "hunter2-hunter2";
    private static final UpstreamAccount ACCOUNT = new UpstreamAccount(new UpstreamAccountId(3), new UserId("alice"),
            new UpstreamServer(MailProtocol.IMAP, "imap.example.org", 143, TlsMode.NONE, "alice", new Secret(SECRET), null));

    private final SteppedPause pause = new SteppedPause();
    private final WatchLoop loop = new WatchLoop(ACCOUNT, new WatcherEnvironment(
            UpstreamSettings.DEFAULTS, InstantSource.fixed(NOW), pause, () -> -1L));

    @Test
    void failuresBackOffAndAHealthySessionStartsTheBackoffAfresh() throws Exception {
        var sessions = new AtomicInteger();
        Thread runner = Thread.ofVirtual().start(() -> loop.run(() -> {
            int session = sessions.incrementAndGet();
            if (session == 3) {
                loop.healthy();
            }
            throw new MessagingException("connection reset, session " + session);
        }));

        assertThat(pause.awaitPause()).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(loop.status()).isEqualTo(new WatcherStatus.Failed(
                "MessagingException: connection reset, session 1", NOW.plus(pause(0))));
        pause.release();
        assertThat(pause.awaitPause()).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
        pause.release();
        assertThat(pause.awaitPause()).as("after a healthy session").isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));

        loop.close();
        Await.until("the loop to end", () -> !runner.isAlive());
        assertThat(loop.status()).isEqualTo(new WatcherStatus.Stopped(NOW));
        assertThat(sessions).hasValue(3);
    }

    @Test
    void aWatcherFailingForGiveUpAfterGivesUpWithItsReasonBeforeMaxAttempts() throws Exception {
        var clock = new AtomicReference<>(NOW);
        var loop = new WatchLoop(ACCOUNT, new WatcherEnvironment(UpstreamSettings.DEFAULTS.withGiveUp(1000, Duration.ofSeconds(10)),
                clock::get, pause, () -> -1L));
        var sessions = new AtomicInteger();
        Thread runner = Thread.ofVirtual().start(() -> loop.run(() -> {
            sessions.incrementAndGet();
            throw new ConnectException("Connection refused");
        }));

        List<Duration> waits = new ArrayList<>();
        while (waits.size() < 4) {
            Duration wait = pause.awaitPause();
            waits.add(wait);
            clock.set(clock.get().plus(wait));
            pause.release();
        }
        Await.until("the loop to end", () -> !runner.isAlive());

        assertThat(waits.subList(0, 3)).as("backing off as before").containsExactly(pause(0), pause(1), pause(2));
        assertThat(waits.getLast()).as("the last wait ends at the deadline, not a backoff past it")
                .isEqualTo(Duration.between(NOW.plus(pause(0)).plus(pause(1)).plus(pause(2)), NOW.plusSeconds(10)));
        assertThat(loop.status()).isEqualTo(new WatcherStatus.GaveUp(
                "ConnectException: Connection refused", 5, NOW.plusSeconds(10)));
        assertThat(sessions).hasValue(5);
    }

    @Test
    void aFullMailboxPausesForAsLongAsItTakesAndNeverCountsTowardsGivingUp() throws Exception {
        var clock = new AtomicReference<>(NOW);
        var loop = new WatchLoop(ACCOUNT, new WatcherEnvironment(UpstreamSettings.DEFAULTS.withGiveUp(2, Duration.ofMinutes(1)),
                clock::get, pause, () -> -1L));
        var sessions = new AtomicInteger();
        Thread runner = Thread.ofVirtual().start(() -> loop.run(() -> {
            if (sessions.incrementAndGet() <= 5) {
                throw new MailboxFullException("alice's mailbox holds 10 mails (quota.max-mails)");
            }
            throw new ConnectException("Connection refused");
        }));

        for (int paused = 0; paused < 5; paused++) {
            clock.set(clock.get().plus(pause.awaitPause()).plus(Duration.ofHours(1)));
            assertThat(loop.status()).isInstanceOf(WatcherStatus.Paused.class);
            pause.release();
        }
        pause.awaitPause();
        assertThat(loop.status()).as("the first failure after five pauses over five hours")
                .isInstanceOf(WatcherStatus.Failed.class);
        pause.release();
        Await.until("the loop to end", () -> !runner.isAlive());
        assertThat(loop.status()).isInstanceOfSatisfying(WatcherStatus.GaveUp.class,
                gaveUp -> assertThat(gaveUp.attempts()).as("upstream.max-attempts 2").isEqualTo(2));
    }

    @Test
    void reasonNeverCarriesTheSecret() {
        var echoed = new AuthenticationFailedException("[AUTHENTICATIONFAILED] bad password " + SECRET);

        assertThat(loop.reason(echoed)).isEqualTo("authentication failed: [AUTHENTICATIONFAILED] bad password ******");
        assertThat(loop.reason(new AuthenticationFailedException("EOF on socket")))
                .as("Angus Mail's POP3 says so when the connection drops before the greeting")
                .isEqualTo("AuthenticationFailedException: EOF on socket");
        assertThat(loop.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void closingBeforeRunningRunsNothing() {
        loop.close();

        loop.run(() -> {
            throw new AssertionError("no session after close");
        });

        assertThat(loop.status()).isInstanceOf(WatcherStatus.Stopped.class);
    }

    private static Duration pause(int failuresBefore) {
        return new Backoff(UpstreamSettings.DEFAULTS.backoffInitial(), UpstreamSettings.DEFAULTS.backoffMax(),
                () -> -1L).delay(failuresBefore);
    }
}
