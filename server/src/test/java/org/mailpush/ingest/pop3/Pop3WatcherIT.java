package org.mailpush.ingest.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.ingest.upstream.Await;
import org.mailpush.ingest.upstream.RecordingMailStore;
import org.mailpush.ingest.upstream.SteppedPause;
import org.mailpush.ingest.upstream.TcpProxy;
import org.mailpush.ingest.upstream.TestMails;
import org.mailpush.ingest.upstream.UpstreamIntake;
import org.mailpush.ingest.upstream.UpstreamMailServer;
import org.mailpush.ingest.upstream.UpstreamSettings;
import org.mailpush.ingest.upstream.WatcherEnvironment;
import org.mailpush.ingest.upstream.WatcherStatus;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.Quota;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.UserId;

/** Every poll is a step of the {@link SteppedPause}: after {@code awaitPause()} a poll is complete. */
class Pop3WatcherIT {
    private static final String LOGIN = "bob";
    private static final String PASSWORD = "c0rrect-h0rse";
    private static final UserId OWNER = new UserId("bob");
    private static final Duration POLL = Duration.ofSeconds(60);

    private final RecordingMailStore store = new RecordingMailStore();
    private final UpstreamIntake intake = new UpstreamIntake(store, new MimeSummarizer(MimeLimits.DEFAULTS), InstantSource.system());
    private final SteppedPause pause = new SteppedPause();
    private final List<Pop3Watcher> watchers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private UpstreamMailServer server;
    private UpstreamAccount account;

    @BeforeEach
    void startServer() {
        server = new UpstreamMailServer();
        server.addUser(LOGIN, PASSWORD);
        account = account(server.pop3Port());
    }

    @AfterEach
    void stopServer() {
        watchers.forEach(Pop3Watcher::close);
        server.close();
    }

    @Test
    void newMailIsStoredOnceAndLeftUpstream() throws Exception {
        var watcher = start();
        assertThat(pause.awaitPause()).isEqualTo(POLL);
        assertThat(watcher.status()).isInstanceOf(WatcherStatus.Polling.class);

        server.deliver(LOGIN, TestMails.mail("one"));
        server.deliver(LOGIN, TestMails.mail("two"));
        poll();
        assertThat(store.subjects(OWNER)).containsExactly("one", "two");
        server.deliver(LOGIN, TestMails.mail("three"));
        poll();
        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three");
        poll();

        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three");
        // The UIDLs led past the stored mails: none was even downloaded again.
        assertThat(store.duplicates()).isZero();
        assertThat(store.upstreamUidls(account.id())).hasValueSatisfying(uidls -> assertThat(uidls).hasSize(3));
        assertThat(server.mailCount(LOGIN)).isEqualTo(3);
    }

    @Test
    void mailInTheMaildropAtTheFirstPollIsLeftAloneAndOnlyMailAfterItIsStored() throws Exception {
        var proxy = new TcpProxy(server.pop3Port());
        try {
            account = account(proxy.port());
            server.deliver(LOGIN, TestMails.mail("old 1"));
            server.deliver(LOGIN, TestMails.mail("old 2"));
            start();
            pause.awaitPause();

            assertThat(store.count(OWNER)).isZero();
            assertThat(store.upstreamUidls(account.id())).hasValueSatisfying(uidls -> assertThat(uidls).hasSize(2));
            assertThat(proxy.clientLines()).as("old mail not even downloaded").noneMatch(line -> line.startsWith("RETR"));
            server.deliver(LOGIN, TestMails.mail("new"));
            poll();
            poll();

            assertThat(store.subjects(OWNER)).containsExactly("new");
            assertThat(store.duplicates()).isZero();
            assertThat(proxy.clientLines()).filteredOn(line -> line.startsWith("RETR")).containsExactly("RETR 3");
            assertThat(server.mailCount(LOGIN)).isEqualTo(3);
        } finally {
            proxy.close();
        }
    }

    @Test
    void restartRepeatsNothing() throws Exception {
        server.deliver(LOGIN, TestMails.mail("old"));
        var first = start();
        pause.awaitPause();
        server.deliver(LOGIN, TestMails.mail("one"));
        poll();
        stop(first);

        server.deliver(LOGIN, TestMails.mail("two"));
        start();
        pause.awaitPause();

        assertThat(store.subjects(OWNER)).containsExactly("one", "two");
        assertThat(store.duplicates()).isZero();
    }

    @Test
    void mailDeletedUpstreamBreaksNothing() throws Exception {
        var watcher = start();
        pause.awaitPause();
        server.deliver(LOGIN, TestMails.mail("one"));
        server.deliver(LOGIN, TestMails.mail("two"));
        server.deliver(LOGIN, TestMails.mail("three"));
        poll();

        server.deleteMail(LOGIN, "two");
        server.deleteMail(LOGIN, "one");
        server.deliver(LOGIN, TestMails.mail("four"));
        poll();

        assertThat(watcher.status()).isInstanceOf(WatcherStatus.Polling.class);
        assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three", "four");
        assertThat(store.duplicates()).isZero();
    }

    @Test
    void mailDeletedUpstreamBetweenListingAndRetrievalIsSkipped() throws Exception {
        var proxy = new TcpProxy(server.pop3Port());
        try {
            // Another client deletes mail "one" after the watcher listed the UIDLs, before it asks for the mail.
            proxy.whenClientSends("RETR 1", () -> server.deleteMail(LOGIN, "one"));
            account = account(proxy.port());
            var watcher = start();
            pause.awaitPause();
            server.deliver(LOGIN, TestMails.mail("one"));
            server.deliver(LOGIN, TestMails.mail("two"));
            poll();

            assertThat(watcher.status()).isInstanceOf(WatcherStatus.Polling.class);
            assertThat(store.subjects(OWNER)).containsExactly("two");
        } finally {
            proxy.close();
        }
    }

    @Test
    void outageIsRetriedAndWhatArrivedMeanwhileIsStored() throws Exception {
        var proxy = new TcpProxy(server.pop3Port());
        try {
            account = account(proxy.port());
            var watcher = start();
            pause.awaitPause();
            server.deliver(LOGIN, TestMails.mail("before"));
            poll();
            proxy.cut();
            server.deliver(LOGIN, TestMails.mail("during"));
            pause.release();

            Duration backoff = pause.awaitPause();
            assertThat(backoff).isLessThanOrEqualTo(UpstreamSettings.DEFAULTS.withPrivateAddresses(true).backoffInitial());
            assertThat(watcher.status()).isInstanceOf(WatcherStatus.Failed.class);
            proxy.restore();
            pause.release();

            assertThat(pause.awaitPause()).isEqualTo(POLL);
            assertThat(store.subjects(OWNER)).containsExactly("before", "during");
        } finally {
            proxy.close();
        }
    }

    @Test
    void aFullMailboxPausesTheWatcherWithTheMailLeftUpstreamUntilThereIsRoom() throws Exception {
        AtomicInteger freed = new AtomicInteger();
        var watcher = start(new UpstreamIntake(store, new MimeSummarizer(MimeLimits.DEFAULTS), InstantSource.system(),
                new Quota(1, 0), owner -> new MailUsage.Usage(store.count(owner) - freed.get(), 0)));
        pause.awaitPause();
        server.deliver(LOGIN, TestMails.mail("one"));
        poll();
        server.deliver(LOGIN, TestMails.mail("two"));
        pause.release();

        assertThat(pause.awaitPause()).isLessThanOrEqualTo(UpstreamSettings.DEFAULTS.backoffInitial());
        assertThat(watcher.status()).isInstanceOfSatisfying(WatcherStatus.Paused.class, paused -> assertThat(paused.reason())
                .isEqualTo("the mailbox of bob is full: 1 mails, 0 bytes (quota.max-mails 1, quota.max-bytes 0; 0 is no limit)"));
        assertThat(store.subjects(OWNER)).containsExactly("one");
        freed.set(1);
        pause.release();

        assertThat(pause.awaitPause()).isEqualTo(POLL);
        assertThat(store.subjects(OWNER)).containsExactly("one", "two");
        assertThat(server.mailCount(LOGIN)).isEqualTo(2);
    }

    @ParameterizedTest(name = "cut at {0}")
    @CsvSource({"UIDL, FolderClosedException, 0", "RETR 2, EOFException, 1"})
    void connectionCutInTheMiddleOfAPollIsRetriedAndRepeatsNothing(String command, String failure, int storedBefore)
            throws Exception {
        var proxy = new TcpProxy(server.pop3Port());
        try {
            account = account(proxy.port());
            var watcher = start();
            pause.awaitPause();
            server.deliver(LOGIN, TestMails.mail("one"));
            server.deliver(LOGIN, TestMails.mail("two"));
            server.deliver(LOGIN, TestMails.mail("three"));
            proxy.whenClientSends(command, proxy::cut);

            poll();
            assertThat(watcher.status()).isInstanceOfSatisfying(WatcherStatus.Failed.class,
                    failed -> assertThat(failed.reason()).contains(failure));
            assertThat(store.count(OWNER)).isEqualTo(storedBefore);
            proxy.restore();
            pause.release();

            assertThat(pause.awaitPause()).isEqualTo(POLL);
            assertThat(store.subjects(OWNER)).containsExactly("one", "two", "three");
            assertThat(store.duplicates()).isZero();
        } finally {
            proxy.close();
        }
    }

    @Test
    void startTlsRequiredRefusesAServerWithoutStlsBeforeTheLoginIsSent() throws Exception {
        var proxy = new TcpProxy(server.pop3Port());
        try {
            account = new UpstreamAccount(new UpstreamAccountId(2), OWNER, new UpstreamServer(
                    MailProtocol.POP3, "127.0.0.1", proxy.port(), TlsMode.STARTTLS, LOGIN, new Secret(PASSWORD), null));
            var watcher = start();

            pause.awaitPause();

            assertThat(watcher.status()).isInstanceOfSatisfying(WatcherStatus.Failed.class,
                    failed -> assertThat(failed.reason()).contains("STLS required"));
            assertThat(proxy.clientLines()).noneMatch(line -> line.contains(PASSWORD) || line.startsWith("USER"));
        } finally {
            proxy.close();
        }
    }

    private void poll() throws InterruptedException {
        pause.release();
        pause.awaitPause();
    }

    private Pop3Watcher start() {
        return start(intake);
    }

    private Pop3Watcher start(UpstreamIntake intake) {
        var environment = new WatcherEnvironment(UpstreamSettings.DEFAULTS.withPrivateAddresses(true).withPollInterval(POLL),
                InstantSource.system(), pause, new Random(7));
        var watcher = new Pop3Watcher(account, intake, environment);
        watchers.add(watcher);
        threads.add(Thread.ofVirtual().name("test-pop3-watcher").start(watcher::run));
        return watcher;
    }

    private void stop(Pop3Watcher watcher) {
        watcher.close();
        Thread thread = threads.get(watchers.indexOf(watcher));
        Await.until("the watcher's thread to end", () -> !thread.isAlive());
        assertThat(watcher.status()).isInstanceOf(WatcherStatus.Stopped.class);
    }

    private static UpstreamAccount account(int port) {
        return new UpstreamAccount(new UpstreamAccountId(2), OWNER, new UpstreamServer(
                MailProtocol.POP3, "127.0.0.1", port, TlsMode.NONE, LOGIN, new Secret(PASSWORD), null));
    }
}
