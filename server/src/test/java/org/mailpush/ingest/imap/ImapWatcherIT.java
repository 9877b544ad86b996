package org.mailpush.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.ingest.upstream.Await;
import org.mailpush.ingest.upstream.Pause;
import org.mailpush.ingest.upstream.RecordingMailStore;
import org.mailpush.ingest.upstream.SteppedPause;
import org.mailpush.ingest.upstream.TcpProxy;
import org.mailpush.ingest.upstream.TestMails;
import org.mailpush.ingest.upstream.UpstreamIntake;
import org.mailpush.ingest.upstream.UpstreamMailServer;
import org.mailpush.ingest.upstream.UpstreamSettings;
import org.mailpush.ingest.upstream.WatcherEnvironment;
import org.mailpush.ingest.upstream.WatcherStatus;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamCursor;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.UserId;
import org.slf4j.LoggerFactory;

class ImapWatcherIT {
    private static final String LOGIN = "alice";
    private static final String PASSWORD = "Tr0ub4dor-and-3";
    private static final UserId OWNER = new UserId("alice");
    /** IDLE only: a poll would come after an hour, a renewal after 25 minutes. */
    private static final UpstreamSettings PUSH_ONLY = UpstreamSettings.DEFAULTS.withPrivateAddresses(true)
            .withPollInterval(Duration.ofHours(1))
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100));

    private final RecordingMailStore store = new RecordingMailStore();
    private final UpstreamIntake intake = new UpstreamIntake(store, new MimeSummarizer(MimeLimits.DEFAULTS), InstantSource.system());
    private final List<Thread> threads = new ArrayList<>();
    private final List<ImapWatcher> watchers = new ArrayList<>();
    private final List<TcpProxy> proxies = new ArrayList<>();
    private UpstreamMailServer server;

    @BeforeEach
    void startServer() {
        server = new UpstreamMailServer();
        server.addUser(LOGIN, PASSWORD);
    }

    @AfterEach
    void stopEverything() throws IOException {
        watchers.forEach(ImapWatcher::close);
        for (TcpProxy proxy : proxies) {
            proxy.close();
        }
        server.close();
    }

    @Test
    void mailDeliveredDuringIdleIsStoredAtOnceAndLeftUnseenUpstream() {
        var watcher = start(account(server.imapPort(), PASSWORD), PUSH_ONLY);
        awaitIdle(watcher);

        server.deliver(LOGIN, TestMails.mail("pushed"));

        Await.until("the pushed mail stored", () -> store.count(OWNER) == 1);
        assertThat(store.subjects(OWNER)).containsExactly("pushed");
        assertThat(server.seen(LOGIN, "pushed")).isFalse();
        stop(watcher);
        assertThat(server.mailCount(LOGIN)).isEqualTo(1);
    }

    @Test
    void aMailLargerThanMaxMessageSizeIsLeftUpstreamAndTheNextIsStored() throws Exception {
        var watcher = start(account(server.imapPort(), PASSWORD), PUSH_ONLY.withMaxMessageBytes(64 * 1024));
        awaitIdle(watcher);

        var big = TestMails.mail("too big");
        big.setText("x".repeat(100) + "\r\n".repeat(1) + ("y".repeat(98) + "\r\n").repeat(1000));
        big.saveChanges();
        server.deliver(LOGIN, big);
        server.deliver(LOGIN, TestMails.mail("small"));

        Await.until("the small mail stored", () -> store.count(OWNER) == 1);
        assertThat(store.subjects(OWNER)).containsExactly("small");
        assertThat(watcher.status()).isNotInstanceOf(WatcherStatus.Failed.class).isNotInstanceOf(WatcherStatus.GaveUp.class);
        assertThat(server.mailCount(LOGIN)).as("left upstream").isEqualTo(2);
    }

    @Test
    void mailInTheFolderAtTheFirstConnectionIsLeftAloneAndOnlyMailAfterItIsStored() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var account = account(proxy.port(), PASSWORD);
        server.deliver(LOGIN, TestMails.mail("old 1"));
        server.deliver(LOGIN, TestMails.mail("old 2"));
        var first = start(account, PUSH_ONLY);
        awaitIdle(first);

        assertThat(store.count(OWNER)).isZero();
        assertThat(store.upstreamCursor(account.id())).contains(new UpstreamCursor(server.uidValidity(LOGIN), 2));
        assertThat(count(proxy, ".*BODY\\.PEEK.*")).as("old mail not even downloaded").isZero();
        server.deliver(LOGIN, TestMails.mail("new"));
        Await.until("the new mail stored", () -> store.count(OWNER) == 1);
        stop(first);
        var second = start(account, PUSH_ONLY);
        awaitIdle(second);

        assertThat(store.subjects(OWNER)).containsExactly("new");
        assertThat(store.duplicates()).isZero();
        assertThat(count(proxy, ".*BODY\\.PEEK.*")).as("only the new mail downloaded").isEqualTo(1);
        assertThat(server.seen(LOGIN, "old 1")).isFalse();
        assertThat(server.mailCount(LOGIN)).isEqualTo(3);
    }

    @Test
    void mailArrivingJustAsIdleIsIssuedIsFetchedAtOnce() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        // The server gets IDLE only after the mail is in: it announces the mail before "+ idling".
        proxy.whenClientSends("\\S+ IDLE", () -> server.deliver(LOGIN, TestMails.mail("raced")));
        start(account(proxy.port(), PASSWORD), PUSH_ONLY);

        Await.until("the mail that raced IDLE stored", () -> store.count(OWNER) == 1);
        assertThat(store.subjects(OWNER)).containsExactly("raced");
    }

    @Test
    void mailArrivingDuringCatchUpIsFetchedBeforeIdling() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        // The server learns of the new mail while the watcher is reading the first one.
        proxy.whenClientSends(".* FETCH .*BODY\\.PEEK.*", () -> server.deliver(LOGIN, TestMails.mail("meanwhile")));
        var watcher = start(account(proxy.port(), PASSWORD), PUSH_ONLY);
        awaitIdle(watcher);

        server.deliver(LOGIN, TestMails.mail("waiting"));

        Await.until("both mails stored", () -> store.count(OWNER) == 2);
        assertThat(store.subjects(OWNER)).containsExactly("waiting", "meanwhile");
    }

    @Test
    void mailThatArrivedWhileStoppedIsStoredExactlyOnceAfterRestart() {
        var account = account(server.imapPort(), PASSWORD);
        var first = start(account, PUSH_ONLY);
        awaitIdle(first);
        assertThat(store.upstreamCursor(account.id())).as("the baseline of an empty folder")
                .contains(new UpstreamCursor(server.uidValidity(LOGIN), 0));
        server.deliver(LOGIN, TestMails.mail("one"));
        server.deliver(LOGIN, TestMails.mail("two"));
        Await.until("two mails stored", () -> store.count(OWNER) == 2);
        stop(first);

        server.deliver(LOGIN, TestMails.mail("three"));
        server.deliver(LOGIN, TestMails.mail("four"));
        server.deliver(LOGIN, TestMails.mail("five"));
        var second = start(account, PUSH_ONLY);
        awaitIdle(second);
        stop(second);
        var third = start(account, PUSH_ONLY);
        awaitIdle(third);

        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three", "four", "five");
        // The cursor led past the stored mails: none was even fetched again.
        assertThat(store.duplicates()).isZero();
        assertThat(store.upstreamCursor(account.id())).hasValueSatisfying(cursor -> {
            assertThat(cursor.uidValidity()).isEqualTo(server.uidValidity(LOGIN));
            assertThat(cursor.lastUid()).isEqualTo(5);
        });
    }

    @Test
    void connectionCutDuringIdleIsRestoredAndWhatArrivedMeanwhileIsStored() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var watcher = start(account(proxy.port(), PASSWORD), PUSH_ONLY);
        awaitIdle(watcher);
        server.deliver(LOGIN, TestMails.mail("before the cut"));
        Await.until("the first mail stored", () -> store.count(OWNER) == 1);
        awaitIdle(watcher);

        proxy.cut();
        Await.until("the watcher noticing the cut", () -> watcher.status() instanceof WatcherStatus.Failed);
        server.deliver(LOGIN, TestMails.mail("during the cut 1"));
        server.deliver(LOGIN, TestMails.mail("during the cut 2"));
        assertThat(store.count(OWNER)).isEqualTo(1);
        proxy.restore();

        Await.until("the mails of the outage stored", () -> store.count(OWNER) == 3);
        awaitIdle(watcher);
        assertThat(store.subjects(OWNER)).containsExactly("before the cut", "during the cut 1", "during the cut 2");
        assertThat(store.duplicates()).isZero();
    }

    @Test
    void idleIsEndedAndIssuedAgainBeforeTheServerWouldDropIt() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var watcher = start(account(proxy.port(), PASSWORD), PUSH_ONLY.withIdleRenewal(Duration.ofMillis(100)));

        Await.until("three IDLE commands", () -> count(proxy, "\\S+ IDLE") >= 3);
        assertThat(count(proxy, "DONE")).isGreaterThanOrEqualTo(2);
        server.deliver(LOGIN, TestMails.mail("after renewals"));

        Await.until("the mail stored", () -> store.count(OWNER) == 1);
        awaitIdle(watcher);
        assertThat(store.subjects(OWNER)).containsExactly("after renewals");
    }

    @Test
    void uidValidityChangeRereadsTheFolderWithoutDuplicates() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var account = account(proxy.port(), PASSWORD);
        MimeMessage one = TestMails.mail("one");
        MimeMessage two = TestMails.mail("two");
        var watcher = start(account, PUSH_ONLY);
        awaitIdle(watcher);
        server.deliver(LOGIN, one);
        server.deliver(LOGIN, two);
        Await.until("both mails stored", () -> store.count(OWNER) == 2);
        assertThat(store.subjects(OWNER)).containsExactly("one", "two");
        long before = server.uidValidity(LOGIN);

        // The mailbox is rebuilt, as after a server migration: the old mails again, under new UIDs, and a new one.
        server.recreateMailbox(LOGIN, PASSWORD);
        server.deliver(LOGIN, TestMails.mail("three"));
        server.deliver(LOGIN, one);
        server.deliver(LOGIN, two);
        proxy.cut();
        proxy.restore();

        Await.until("the new mail stored", () -> store.count(OWNER) == 3);
        Await.until("both old mails recognised", () -> store.duplicates() == 2);
        awaitIdle(watcher);
        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three");
        assertThat(server.uidValidity(LOGIN)).isNotEqualTo(before);
        assertThat(store.upstreamCursor(account.id())).hasValueSatisfying(cursor -> {
            assertThat(cursor.uidValidity()).isEqualTo(server.uidValidity(LOGIN));
            assertThat(cursor.lastUid()).isEqualTo(1);
        });

        server.deliver(LOGIN, TestMails.mail("four"));
        Await.until("a mail after the resync stored", () -> store.count(OWNER) == 4);
        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three", "four");
        assertThat(store.duplicates()).isEqualTo(2);
    }

    @Test
    void uidValidityChangeAfterTheBaselineRereadsTheFolderWithoutDuplicates() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var account = account(proxy.port(), PASSWORD);
        MimeMessage old = TestMails.mail("old");
        MimeMessage one = TestMails.mail("one");
        server.deliver(LOGIN, old);
        var watcher = start(account, PUSH_ONLY);
        awaitIdle(watcher);
        server.deliver(LOGIN, one);
        Await.until("the mail after the baseline stored", () -> store.count(OWNER) == 1);

        server.recreateMailbox(LOGIN, PASSWORD);
        server.deliver(LOGIN, old);
        server.deliver(LOGIN, one);
        server.deliver(LOGIN, TestMails.mail("two"));
        proxy.cut();
        proxy.restore();

        Await.until("the folder read again", () -> store.count(OWNER) == 3);
        awaitIdle(watcher);
        // The stored mail is recognised by its fingerprint. The baseline's mail never was stored, so
        // nothing tells it from new mail: reading the folder again under a new UIDVALIDITY stores it.
        assertThat(store.subjects(OWNER)).containsExactly("one", "old", "two");
        assertThat(store.duplicates()).isEqualTo(1);
        assertThat(store.upstreamCursor(account.id())).contains(new UpstreamCursor(server.uidValidity(LOGIN), 3));
    }

    @Test
    void serverWithoutIdleIsPolled() throws Exception {
        var proxy = proxy(new TcpProxy(server.imapPort(),
                line -> line.contains("CAPABILITY") ? line.replaceAll(" IDLE(?=[ \\]]|$)", "") : line));
        var pause = new SteppedPause();
        var settings = UpstreamSettings.DEFAULTS.withPrivateAddresses(true).withPollInterval(Duration.ofSeconds(42));
        server.deliver(LOGIN, TestMails.mail("old"));
        var watcher = start(account(proxy.port(), PASSWORD), environment(settings, pause));

        assertThat(pause.awaitPause()).isEqualTo(Duration.ofSeconds(42));
        assertThat(watcher.status()).isInstanceOf(WatcherStatus.Polling.class);
        assertThat(store.count(OWNER)).as("mail from before the first connection").isZero();
        server.deliver(LOGIN, TestMails.mail("polled"));
        pause.release();
        pause.awaitPause();
        assertThat(store.subjects(OWNER)).containsExactly("polled");
        pause.release();
        pause.awaitPause();

        assertThat(store.subjects(OWNER)).containsExactly("polled");
        assertThat(store.duplicates()).isZero();
        assertThat(count(proxy, "\\S+ IDLE")).isZero();
        assertThat(count(proxy, "\\S+ NOOP")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void wrongPasswordIsLoggedWithoutItAndRetriedWithGrowingBackoffUntilItWorks() throws Exception {
        String wrong = "n0t-Th3-Passw0rd";
        var pause = new SteppedPause();
        Instant now = Instant.parse("2025-06-01T08:00:00Z");
        // Always the top of the jitter range, so that the waits are the caps: 1 s, 2 s, 4 s.
        var environment = new WatcherEnvironment(PUSH_ONLY.withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                InstantSource.fixed(now), pause, () -> -1L);
        var logs = new ListAppender<ILoggingEvent>();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            var watcher = start(account(server.imapPort(), wrong), environment);

            List<Duration> waits = List.of(pause.awaitPause(), nextPause(pause), nextPause(pause));
            assertThat(waits).allSatisfy(wait -> assertThat(wait).isPositive());
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
            assertThat(waits.get(2)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
            assertThat(watcher.status()).isInstanceOfSatisfying(WatcherStatus.Failed.class, failed -> {
                assertThat(failed.reason()).startsWith("authentication failed").doesNotContain(wrong);
                assertThat(failed.nextAttempt()).isEqualTo(now.plus(waits.get(2)));
            });

            server.addUser(LOGIN, wrong);
            pause.release();
            awaitIdle(watcher);
        } finally {
            root.detachAppender(logs);
        }
        var errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("imap://alice@127.0.0.1:" + server.imapPort() + "/INBOX", "authentication failed"));
        assertThat(logs.list).allSatisfy(e -> {
            assertThat(e.getFormattedMessage()).doesNotContain(wrong);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(wrong);
            }
        });
    }

    @Test
    void startTlsRequiredRefusesAServerWithoutItBeforeTheLoginIsSent() throws Exception {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var pause = new SteppedPause();
        var account = new UpstreamAccount(new UpstreamAccountId(1), OWNER, new UpstreamServer(
                MailProtocol.IMAP, "127.0.0.1", proxy.port(), TlsMode.STARTTLS, LOGIN, new Secret(PASSWORD), null));
        var watcher = start(account, environment(PUSH_ONLY, pause));

        pause.awaitPause();

        assertThat(watcher.status()).isInstanceOfSatisfying(WatcherStatus.Failed.class,
                failed -> assertThat(failed.reason()).contains("STARTTLS"));
        assertThat(proxy.clientLines()).isNotEmpty().noneMatch(line -> line.contains(PASSWORD));
        assertThat(count(proxy, "\\S+ (LOGIN|AUTHENTICATE).*")).isZero();
    }

    @Test
    void storeFailureHalfwayLosesNothingAndRepeatsNothing() {
        var watcher = start(account(server.imapPort(), PASSWORD), PUSH_ONLY);
        awaitIdle(watcher);
        server.deliver(LOGIN, TestMails.mail("one"));
        Await.until("the first mail stored", () -> store.count(OWNER) == 1);
        awaitIdle(watcher);

        store.failNextAppends(1);
        server.deliver(LOGIN, TestMails.mail("two"));
        server.deliver(LOGIN, TestMails.mail("three"));

        Await.until("the other mails stored", () -> store.count(OWNER) == 3);
        awaitIdle(watcher);
        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three");
        assertThat(store.duplicates()).isZero();
    }

    private static Duration nextPause(SteppedPause pause) throws InterruptedException {
        pause.release();
        return pause.awaitPause();
    }

    private static long count(TcpProxy proxy, String regex) {
        return proxy.clientLines().stream().filter(line -> line.matches(regex)).count();
    }

    private static void awaitIdle(ImapWatcher watcher) {
        Await.until("the watcher in IDLE", () -> watcher.status() instanceof WatcherStatus.Idle);
    }

    private TcpProxy proxy(TcpProxy proxy) {
        proxies.add(proxy);
        return proxy;
    }

    @Test
    void aHostOnALoopbackAddressIsRefusedAtEveryAttemptUntilTheWatcherGivesUp() throws IOException {
        var proxy = proxy(new TcpProxy(server.imapPort()));
        var watcher = start(account(proxy.port(), PASSWORD), UpstreamSettings.DEFAULTS.withMaxAttempts(3)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));

        Await.until("the watcher giving up", () -> watcher.status() instanceof WatcherStatus.GaveUp);

        assertThat(watcher.status()).isInstanceOfSatisfying(WatcherStatus.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.attempts()).isEqualTo(3);
            assertThat(gaveUp.reason()).contains("127.0.0.1", "upstream.allow-private-addresses");
        });
        assertThat(proxy.clientLines()).as("never connected").isEmpty();
    }

    @Test
    void aServerThatKeepsFailingMakesTheWatcherGiveUpAfterMaxAttempts() {
        var watcher = start(account(server.imapPort(), "wrong password"), PUSH_ONLY.withMaxAttempts(4));

        Await.until("the watcher giving up", () -> watcher.status() instanceof WatcherStatus.GaveUp);

        assertThat(((WatcherStatus.GaveUp) watcher.status()).reason()).startsWith("authentication failed");
        Thread thread = threads.get(watchers.indexOf(watcher));
        Await.until("the watcher's thread to end", () -> !thread.isAlive());
        assertThat(watcher.status()).isInstanceOf(WatcherStatus.GaveUp.class);
    }

    private static UpstreamAccount account(int port, String password) {
        return new UpstreamAccount(new UpstreamAccountId(1), OWNER, new UpstreamServer(
                MailProtocol.IMAP, "127.0.0.1", port, TlsMode.NONE, LOGIN, new Secret(password), "INBOX"));
    }

    private static WatcherEnvironment environment(UpstreamSettings settings, Pause pause) {
        return new WatcherEnvironment(settings, InstantSource.system(), pause, new Random(7));
    }

    private ImapWatcher start(UpstreamAccount account, UpstreamSettings settings) {
        return start(account, environment(settings, Pause.real()));
    }

    private ImapWatcher start(UpstreamAccount account, WatcherEnvironment environment) {
        var watcher = new ImapWatcher(account, intake, environment);
        watchers.add(watcher);
        threads.add(Thread.ofVirtual().name("test-watcher").start(watcher::run));
        return watcher;
    }

    /** Closes the watcher and checks that it stops promptly, even in the middle of a 25-minute IDLE. */
    private void stop(ImapWatcher watcher) {
        watcher.close();
        Thread thread = threads.get(watchers.indexOf(watcher));
        Await.until("the watcher's thread to end", () -> !thread.isAlive());
        assertThat(watcher.status()).isInstanceOf(WatcherStatus.Stopped.class);
    }
}
