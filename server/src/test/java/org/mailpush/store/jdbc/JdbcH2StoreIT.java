package org.mailpush.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.store.journal.JournaledStore;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;
import org.slf4j.LoggerFactory;

/** Every store contract on the default store: an H2 database file, new for each test. */
class JdbcH2StoreIT implements JdbcStoreContract {

    @TempDir
    Path directory;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(settings(), KEY);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Database reopen() {
        database.close();
        database = Database.open(settings(), KEY);
        return database;
    }

    @Override
    public DatabaseSettings settings() {
        return DatabaseSettings.h2(directory);
    }

    @Test
    void theDatabaseFileNeverHoldsAnUpstreamPasswordInClearNorAfterTheAccountIsRemoved() throws Exception {
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        String password = "a-password-to-look-for-" + new Random(7).nextLong();
        var account = database.upstreamAccounts().add(ANN, new UpstreamServer(MailProtocol.IMAP, "imap.example.com", 993,
                TlsMode.IMPLICIT, "ann", new Secret(password), null));
        reopen();
        database.upstreamAccounts().remove(account.id());
        database.close();
        database = null;

        byte[] needle = password.getBytes(StandardCharsets.UTF_8);
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as(file.toString()).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void theDatabaseIsSetUpForDurableCommitsSmallMailInItsRowAndEnoughParsedStatements() {
        assertThat(setting("WRITE_DELAY")).isEqualTo("0");
        assertThat(setting("MAX_LENGTH_INPLACE_LOB")).isEqualTo("8192");
        assertThat(setting("QUERY_CACHE_SIZE")).isEqualTo("64");
    }

    @Test
    void mailInItsRowAndMailInH2sLobStoreReadBackAlike() {
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        for (int size : new int[] {8_000, 8_192, 8_193, 300_000}) {
            byte[] raw = new byte[size];
            new Random(size).nextBytes(raw);
            var summary = new MailSummary("carol@example.net", "size " + size, size, 0, List.of(), Importance.NORMAL, "");
            StoredMail stored = database.mails().append(new NewMail(List.of(ANN), "carol@example.net", raw, summary, AT,
                    new Origin.Smtp("192.0.2.1", "mx.example.net"))).getFirst();

            assertThat(reopen().mails().raw(ANN, stored.id())).as("%d bytes", size).contains(raw);
        }
    }

    @Test
    void aQueryCacheSizeInTheUrlIsKept() {
        DatabaseSettings h2 = settings();
        database.close();
        database = Database.open(new DatabaseSettings(h2.url() + ";QUERY_CACHE_SIZE=16", h2.user(), h2.password(), h2.poolSize()), KEY);

        assertThat(setting("QUERY_CACHE_SIZE")).isEqualTo("16");
    }

    /** As H2 can be after a crash: the identity set back below ids in use. The next open moves it above them. */
    @Test
    void anIdentityBehindTheIdsInUseIsMovedAboveThemOnOpen() {
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        List<StoredMail> first = List.of(append("one"), append("two"), append("three"));
        database.transactions().execute("set the identities back", connection -> {
            Sql.update(connection, "ALTER TABLE mail ALTER COLUMN id RESTART WITH 1");
            Sql.update(connection, "ALTER TABLE mailbox ALTER COLUMN id RESTART WITH 1");
        });

        reopen();
        StoredMail next = append("four");

        assertThat(first).allSatisfy(mail -> assertThat(next.id().value()).isGreaterThan(mail.id().value()));
        assertThat(database.mails().recent(ANN, 10)).hasSize(4);
    }

    @Test
    void aJournaledMailACrashToreIsMadeWholeWhenItsRecordIsStoredAgain() {
        UserId bob = new UserId("bob");
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        database.users().add(new User(bob, "Bob", Set.of(MailAddress.of("bob@example.com"))));
        NewMail mail = journaled("torn", List.of(ANN, bob));
        List<StoredMail> first = journal().append(mail, 7);
        StoredMail anns = first.stream().filter(entry -> entry.owner().equals(ANN)).findFirst().orElseThrow();
        // What H2 was seen to come back with: the mail's row and its Message-ID claims, part of its place in the mailboxes.
        database.transactions().execute("tear the mail", connection -> {
            Sql.update(connection, "DELETE FROM mailbox WHERE owner = ?", bob.value());
            Sql.update(connection, "DELETE FROM routing_jobs WHERE mailbox_id = ?", anns.id().value());
        });

        List<StoredMail> restored = journal().restore(mail, 7);

        assertThat(restored).extracting(StoredMail::owner).containsExactlyInAnyOrder(ANN, bob);
        assertThat(database.mails().recent(ANN, 10)).extracting(StoredMail::id).containsExactly(anns.id());
        assertThat(database.mails().recent(bob, 10)).hasSize(1);
        assertThat(database.mails().pendingRouting(10)).hasSize(2);
        assertThat(journal().restore(mail, 7)).as("a whole mail is stored again as nothing").isEmpty();
    }

    @Test
    void replayFindsInOneQueryTheJournaledMailsStoredWhole() {
        UserId bob = new UserId("bob");
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        database.users().add(new User(bob, "Bob", Set.of(MailAddress.of("bob@example.com"))));
        Map<Long, NewMail> records = new LinkedHashMap<>();
        for (long key = 1; key <= 5; key++) {
            records.put(key, journaled("mail " + key, List.of(ANN, bob)));
            journal().append(records.get(key), key);
        }
        records.put(6L, journaled("never stored", List.of(ANN)));
        List<StoredMail> fourth = database.mails().recent(ANN, 10).stream()
                .filter(mail -> mail.summary().subject().equals("mail 4")).toList();
        database.transactions().execute("tear two, route one, empty one", connection -> {
            Sql.update(connection, "DELETE FROM mailbox WHERE owner = ? AND mail_id = (SELECT id FROM mail WHERE journal_key = 2)",
                    bob.value());
            Sql.update(connection, "DELETE FROM routing_jobs WHERE mailbox_id IN (SELECT id FROM mailbox WHERE mail_id = "
                    + "(SELECT id FROM mail WHERE journal_key = 3) AND owner = ?)", ANN.value());
            Sql.update(connection, "DELETE FROM routing_jobs WHERE mailbox_id = ?", fourth.getFirst().id().value());
            Sql.update(connection, "INSERT INTO plans (mail_id, owner, decided_at, document) VALUES (?, ?, ?, '{}')",
                    fourth.getFirst().id().value(), ANN.value(), AT);
            Sql.update(connection, "DELETE FROM mailbox WHERE mail_id = (SELECT id FROM mail WHERE journal_key = 5)");
            Sql.update(connection, "UPDATE mail SET size_bytes = 0 WHERE journal_key = 5");
        });

        assertThat(journal().whole(records)).containsExactlyInAnyOrder(1L, 4L, 5L);
    }

    @Test
    void anEntryRoutedAlreadyIsNotRoutedAgainNorAMailRetentionEmptiedPutBack() {
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        NewMail mail = journaled("routed", List.of(ANN));
        StoredMail entry = journal().append(mail, 7).getFirst();
        database.transactions().execute("route it", connection -> {
            Sql.update(connection, "DELETE FROM routing_jobs WHERE mailbox_id = ?", entry.id().value());
            Sql.update(connection, "INSERT INTO plans (mail_id, owner, decided_at, document) VALUES (?, ?, ?, '{}')",
                    entry.id().value(), ANN.value(), AT);
        });

        assertThat(journal().restore(mail, 7)).isEmpty();
        assertThat(database.mails().pendingRouting(10)).isEmpty();

        database.retention().prune(AT.plusSeconds(60), AT.plusSeconds(60));
        assertThat(database.mails().recent(ANN, 10)).isEmpty();
        assertThat(journal().restore(mail, 7)).isEmpty();
        assertThat(database.mails().recent(ANN, 10)).isEmpty();
    }

    @Test
    void theMessageIdClaimOfAMailTheDatabaseLostIsNoDuplicateOfIt() {
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        NewMail mail = journaled("claimed", List.of(ANN));
        journal().append(mail, 7);
        database.transactions().execute("lose the mail, keep its claim", connection ->
                Sql.update(connection, "DELETE FROM mail WHERE journal_key = 7"));

        assertThat(journal().restore(mail, 7)).hasSize(1);
        NewMail sentAgain = new NewMail(mail.recipients(), mail.envelopeSender(), mail.raw(), mail.summary(), AT.plusSeconds(5),
                mail.origin());
        assertThat(database.mails().append(sentAgain)).as("the same mail sent again later is still a duplicate").isEmpty();
        assertThat(database.mails().recent(ANN, 10)).hasSize(1);
    }

    @Test
    void aDatabaseACrashLeftOpenIsRebuiltFromItsRowsBeforeUseAndOneClosedCleanlyIsNot() throws Exception {
        Path marker = directory.resolve("mailpush.open");
        assertThat(marker).as("marked open while open").exists();
        database.users().add(new User(ANN, "Ann", Set.of(MailAddress.of("ann@example.com"))));
        append("kept");
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        ((Logger) LoggerFactory.getLogger(H2Crash.class)).addAppender(log);
        try {
            reopen();
            assertThat(log.list).isEmpty();

            database.close();
            assertThat(marker).as("closed cleanly").doesNotExist();
            Files.setPosixFilePermissions(directory.resolve("mailpush.mv.db"), PosixFilePermissions.fromString("rw-------"));
            var before = Files.getPosixFilePermissions(directory.resolve("mailpush.mv.db"));
            Files.createFile(marker);
            database = Database.open(settings(), KEY);

            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(line -> assertThat(line).contains("rebuilding"));
            assertThat(marker).exists();
            assertThat(database.mails().recent(ANN, 10)).extracting(mail -> mail.summary().subject()).containsExactly("kept");
            assertThat(append("after").id().value()).as("identities go on above the rows kept")
                    .isGreaterThan(database.mails().recent(ANN, 10).getLast().id().value());
            try (var files = Files.list(directory)) {
                assertThat(files.map(file -> file.getFileName().toString())).noneMatch(file -> file.contains(".rebuild"));
            }
            assertThat(Files.getPosixFilePermissions(directory.resolve("mailpush.mv.db"))).as("as private as before")
                    .isEqualTo(before);
        } finally {
            ((Logger) LoggerFactory.getLogger(H2Crash.class)).detachAppender(log);
        }
    }

    @Test
    void onlyAnH2FileHasAMarker() {
        assertThat(H2Crash.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(H2Crash.of("jdbc:h2:tcp://localhost/~/test")).isEmpty();
        assertThat(H2Crash.of("jdbc:h2:file:/var/lib/mailpush/db/mailpush;DB_CLOSE_ON_EXIT=FALSE")).isPresent();
        assertThat(H2Crash.of("jdbc:h2:./data/mailpush")).isPresent();
    }

    private JournaledStore journal() {
        return database.journaled().orElseThrow();
    }

    /** A mail with a Message-ID, as the journal would store it again. */
    private static NewMail journaled(String subject, List<UserId> recipients) {
        byte[] raw = ("Message-ID: <" + subject + "@example.net>\r\nSubject: " + subject + "\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var summary = new MailSummary("carol@example.net", subject, raw.length, 0, List.of(), Importance.NORMAL, "");
        return new NewMail(recipients, "carol@example.net", raw, summary, AT, new Origin.Smtp("192.0.2.1", "mx.example.net"));
    }

    private StoredMail append(String subject) {
        var summary = new MailSummary("carol@example.net", subject, 10, 0, List.of(), Importance.NORMAL, "");
        return database.mails().append(new NewMail(List.of(ANN), "carol@example.net", new byte[10], summary, AT,
                new Origin.Smtp("192.0.2.1", "mx.example.net"))).getFirst();
    }

    private String setting(String name) {
        return database.transactions().run("read setting " + name, connection -> Sql.first(connection,
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?", row -> row.getString(1), name))
                .orElseThrow();
    }
}
