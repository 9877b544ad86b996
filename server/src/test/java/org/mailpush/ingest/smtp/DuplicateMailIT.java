package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.store.jdbc.StoreKey;
import org.mailpush.store.journal.JournaledMailStore;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/**
 * A client that sends a mail again because the 250 to it was lost: the receiver in front of the real
 * store (H2 behind the mail journal, as the server runs it) answers 250 again and stores it once, also
 * across a restart and when several sessions send it at once.
 */
class DuplicateMailIT {
    private static final StoreKey KEY = StoreKey.random("the key of this test's store");
    private static final UserId ALICE = new UserId("alice");

    @TempDir
    Path directory;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:30:00Z"));

    @Test
    void aMailSentAgainIsAnswered250AndStoredOnceAcrossARestartUntilTheWindowEnds() {
        try (var server = new Server()) {
            send(server.port(), "1@elsewhere.test", "queued as [0-9]+");
            send(server.port(), "1@elsewhere.test", "already received");
            assertThat(server.database.mails().recent(ALICE, 10)).hasSize(1);
        }
        now.set(now.get().plus(Duration.ofHours(1)));
        try (var server = new Server()) {
            send(server.port(), "1@elsewhere.test", "already received");
            send(server.port(), "2@elsewhere.test", "queued as [0-9]+");
            assertThat(server.database.mails().recent(ALICE, 10)).hasSize(2);

            now.set(now.get().plus(Duration.ofDays(1)));
            send(server.port(), "1@elsewhere.test", "queued as [0-9]+");
            assertThat(server.database.mails().recent(ALICE, 10)).hasSize(3);
        }
    }

    @Test
    void sessionsSendingOneMailAtOnceStoreItOnce() throws Exception {
        try (var server = new Server()) {
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> sessions = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    sessions.add(clients.submit(() -> send(server.port(), "race@elsewhere.test", "(queued as [0-9]+|already received)")));
                }
                for (var session : sessions) {
                    session.get(1, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(server.database.mails().recent(ALICE, 10)).hasSize(1);
        }
    }

    private static void send(int port, String messageId, String replyPattern) {
        Transcript.parse("duplicate", """
                S: 220 mx.example.test ESMTP mailpush
                C: HELO client.test
                S: 250 mx.example.test
                C: MAIL FROM:<carol@elsewhere.test>
                S: 250 2.1.0 Ok
                C: RCPT TO:<alice@example.test>
                S: 250 2.1.5 Ok
                C: DATA
                S: 354 End data with <CR><LF>.<CR><LF>
                C: Message-ID: <%s>
                C: Subject: Lunch
                C:
                C: Shall we?
                C: .
                S: /250 2\\.0\\.0 Ok: %s/
                C: QUIT
                S: 221 2.0.0 mx.example.test Bye
                """.formatted(messageId, replyPattern)).play(port);
    }

    /** The receiver on the H2 store behind the journal in {@link #directory}, as the server wires them. */
    private final class Server implements AutoCloseable {
        final Database database;
        final JournaledMailStore store;
        final SmtpReceiver receiver;

        Server() {
            database = Database.open(DatabaseSettings.h2(directory.resolve("db")), KEY);
            if (database.users().find(ALICE).isEmpty()) {
                database.users().add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.test"))));
            }
            store = JournaledMailStore.open(directory.resolve("journal"), database.mails(), database.journaled().orElseThrow(),
                    JournaledMailStore.CHECKPOINT_INTERVAL);
            InstantSource clock = now::get;
            receiver = new SmtpReceiver(SmtpSettings.defaults("mx.example.test").withListener(InetAddress.getLoopbackAddress(), 0),
                    database.users(), store, new MimeSummarizer(MimeLimits.DEFAULTS), clock);
            receiver.start();
        }

        int port() {
            return receiver.port();
        }

        @Override
        public void close() {
            receiver.close();
            store.close();
            database.close();
        }
    }
}
