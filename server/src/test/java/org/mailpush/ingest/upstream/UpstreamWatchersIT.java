package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.ingest.imap.ImapWatcher;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.ingest.pop3.Pop3Watcher;
import org.mailpush.upstream.InMemoryUpstreamAccounts;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.UserId;

class UpstreamWatchersIT {
    private static final UserId ALICE = new UserId("alice");
    private static final UserId BOB = new UserId("bob");
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(1);

    private final UpstreamMailServer server = new UpstreamMailServer();
    private final RecordingMailStore store = new RecordingMailStore();
    private final InMemoryUpstreamAccounts accounts = new InMemoryUpstreamAccounts();
    private final List<UpstreamWatcher> made = new CopyOnWriteArrayList<>();
    private final UpstreamWatchers watchers;

    UpstreamWatchersIT() {
        var intake = new UpstreamIntake(store, new MimeSummarizer(MimeLimits.DEFAULTS), InstantSource.system());
        var environment = new WatcherEnvironment(UpstreamSettings.DEFAULTS.withPrivateAddresses(true)
                .withPollInterval(Duration.ofMillis(50))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .withGiveUp(1000, GIVE_UP_AFTER),
                InstantSource.system(), Pause.real(), new Random(7));
        // As the composition root wires it.
        watchers = new UpstreamWatchers(accounts, account -> {
            UpstreamWatcher watcher = switch (account.server().protocol()) {
                case IMAP -> new ImapWatcher(account, intake, environment);
                case POP3 -> new Pop3Watcher(account, intake, environment);
            };
            made.add(watcher);
            return watcher;
        });
    }

    @AfterEach
    void stop() {
        watchers.close();
        server.close();
    }

    @Test
    void watchesEveryAccountOfEveryUserAndFollowsAdditionsAndRemovals() {
        var aliceImap = accounts.add(ALICE, server("alice", MailProtocol.IMAP));
        var alicePop3 = accounts.add(ALICE, server("alice-pop", MailProtocol.POP3));
        server.deliver("alice", TestMails.mail("alice imap old"));
        server.deliver("alice-pop", TestMails.mail("alice pop3 old"));

        watchers.start();
        Await.until("both of alice's watchers at work", () -> atWork(aliceImap.id()) && atWork(alicePop3.id()));
        server.deliver("alice", TestMails.mail("alice imap 1"));
        server.deliver("alice-pop", TestMails.mail("alice pop3 1"));

        Await.until("alice's new mail from both accounts", () -> store.count(ALICE) == 2);
        assertThat(store.subjects(ALICE)).containsExactlyInAnyOrder("alice imap 1", "alice pop3 1");
        assertThat(watchers.statuses()).containsOnlyKeys(aliceImap.id(), alicePop3.id());
        assertThat(watchers.watch(aliceImap)).as("watched already").isFalse();

        var bobImap = accounts.add(BOB, server("bob", MailProtocol.IMAP));
        assertThat(watchers.watch(bobImap)).isTrue();
        Await.until("bob's watcher at work", () -> atWork(bobImap.id()));
        server.deliver("bob", TestMails.mail("bob 1"));
        Await.until("bob's mail", () -> store.count(BOB) == 1);

        assertThat(watchers.unwatch(aliceImap.id())).isTrue();
        assertThat(watchers.unwatch(aliceImap.id())).isFalse();
        assertThat(watchers.status(aliceImap.id())).isEmpty();
        assertThat(made.getFirst().status()).isInstanceOf(WatcherStatus.Stopped.class);
        server.deliver("alice", TestMails.mail("alice imap 2"));
        assertThat(watchers.watch(aliceImap)).isTrue();

        Await.until("the mail that came while alice's IMAP account was not watched", () -> store.count(ALICE) == 3);
        assertThat(store.subjects(ALICE)).containsExactlyInAnyOrder("alice imap 1", "alice pop3 1", "alice imap 2");
        assertThat(store.subjects(BOB)).containsExactly("bob 1");
        assertThat(store.duplicates()).isZero();
    }

    @Test
    void closeStopsEveryWatcher() {
        var imap = accounts.add(ALICE, server("alice", MailProtocol.IMAP));
        var pop3 = accounts.add(ALICE, server("alice-pop", MailProtocol.POP3));
        watchers.start();
        Await.until("both watchers at work", () -> atWork(imap.id()) && atWork(pop3.id()));

        watchers.close();

        assertThat(watchers.statuses()).isEmpty();
        assertThat(made).hasSize(2).allSatisfy(w -> assertThat(w.status()).isInstanceOf(WatcherStatus.Stopped.class));
        assertThatThrownBy(() -> watchers.watch(accounts.list().getFirst()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aWatcherFailingForGiveUpAfterStopsWithItsReasonAndAddingTheAccountAgainWatchesAfresh() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        server.addUser("alice", "alice-secret");
        var away = accounts.add(ALICE, new UpstreamServer(MailProtocol.IMAP, "127.0.0.1", closedPort, TlsMode.NONE,
                "alice", new Secret("alice-secret"), null));

        watchers.start();
        Await.until("the watcher giving up", () -> watchers.statuses().get(away.id()) instanceof WatcherStatus.GaveUp);

        assertThat(watchers.statuses().get(away.id())).isInstanceOfSatisfying(WatcherStatus.GaveUp.class, gaveUp -> {
            assertThat(gaveUp.reason()).startsWith("MailConnectException").contains(String.valueOf(closedPort))
                    .doesNotContain("alice-secret");
            assertThat(gaveUp.attempts()).as("well below upstream.max-attempts 1000").isBetween(2, 999);
        });

        // The user puts the account right: removed and added again, it is watched afresh.
        accounts.remove(away.id());
        assertThat(watchers.unwatch(away.id())).isTrue();
        var back = accounts.add(ALICE, new UpstreamServer(MailProtocol.IMAP, "127.0.0.1", server.imapPort(), TlsMode.NONE,
                "alice", new Secret("alice-secret"), null));
        assertThat(watchers.watch(back)).isTrue();
        Await.until("the account added again at work", () -> atWork(back.id()));
        server.deliver("alice", TestMails.mail("after giving up"));
        Await.until("the mail", () -> store.count(ALICE) == 1);
        assertThat(watchers.statuses()).containsOnlyKeys(back.id());
    }

    /** Whether the account's watcher has caught up (and so taken its baseline) and waits for new mail. */
    private boolean atWork(UpstreamAccountId account) {
        return watchers.status(account).filter(s -> s instanceof WatcherStatus.Idle || s instanceof WatcherStatus.Polling)
                .isPresent();
    }

    private UpstreamServer server(String login, MailProtocol protocol) {
        server.addUser(login, login + "-secret");
        int port = protocol == MailProtocol.IMAP ? server.imapPort() : server.pop3Port();
        return new UpstreamServer(protocol, "127.0.0.1", port, TlsMode.NONE, login, new Secret(login + "-secret"), null);
    }
}
