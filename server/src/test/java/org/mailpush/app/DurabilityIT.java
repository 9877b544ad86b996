package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.StoredMail;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.StoreKey;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.store.jdbc.TestPostgres;
import org.mailpush.user.UserId;

/**
 * SPEC X1: a mail the server accepted (SMTP 250) survives {@code kill -9} of the server at any moment
 * after. A real server process takes mail from eight SMTP clients at once and is killed at a random
 * moment, again and again over the same data directory; after a last restart every accepted mail is
 * in the store once, found by its Message-ID. On H2 a second test has the database come back older
 * than the mail, as H2 can after a crash, and the mail journal must bring the mail back.
 */
class DurabilityIT {
    private static final UserId ALICE = new UserId("alice");
    private static final int SENDERS = 8;
    private static final int LONGEST_BURST_MILLIS = 2500;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyAcceptedMailSurvivesKillsOnH2() throws Exception {
        Path data = directory.resolve("data");
        Set<String> accepted = killedAgainAndAgain(data, Map.of(), 15);

        ServerProcess.start(data, Map.of()).close();

        assertStoredOnce(DatabaseSettings.h2(data.resolve("db")), accepted);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyAcceptedMailSurvivesKillsOnPostgres() throws Exception {
        try (TestPostgres postgres = new TestPostgres()) {
            Path data = directory.resolve("data");
            Set<String> accepted = killedAgainAndAgain(data, postgres.settings(), 4);

            ServerProcess.start(data, postgres.settings()).close();

            assertStoredOnce(postgres.database(2), accepted);
        }
    }

    /**
     * H2's MVStore, reopened after a crash, may start from a version older than commits that had
     * returned. Here the database file is put back as it was before the mails came, after they were
     * accepted and the server killed: the restarted server stores them again from its journal.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mailTheDatabaseLostInACrashIsStoredAgainFromTheJournal() throws Exception {
        Path data = directory.resolve("data");
        try (ServerProcess server = ServerProcess.start(data, Map.of())) {
            Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        }
        Path file = data.resolve("db").resolve("mailpush.mv.db");
        Path older = directory.resolve("older.mv.db");
        Files.copy(file, older);

        ServerProcess server = ServerProcess.start(data, Map.of());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        try (var sender = new SmtpSender(server.smtpPort())) {
            for (int i = 0; i < 20; i++) {
                String id = "<lost-" + i + "@durability.test>";
                if (sender.send(id)) {
                    accepted.add(id);
                }
            }
        }
        server.kill();
        Files.copy(older, file, StandardCopyOption.REPLACE_EXISTING);

        ServerProcess.start(data, Map.of()).close();

        assertThat(accepted).hasSize(20);
        assertStoredOnce(DatabaseSettings.h2(data.resolve("db")), accepted);
    }

    /** Runs bursts of mail from several clients, each ended by a kill at a random moment; the Message-IDs answered 250. */
    private Set<String> killedAgainAndAgain(Path data, Map<String, String> settings, int kills) throws Exception {
        var random = new Random();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < kills; round++) {
            ServerProcess server = ServerProcess.start(data, settings);
            if (round == 0) {
                Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
            }
            CountDownLatch first = new CountDownLatch(1);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                String prefix = "<" + round + "-" + s + "-";
                senders.execute(() -> sendUntilRefused(server.smtpPort(), prefix, accepted, first));
            }
            first.await(1, TimeUnit.MINUTES);
            Thread.sleep(random.nextInt(LONGEST_BURST_MILLIS));
            server.kill();
            senders.shutdown();
            assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(accepted).as("mail was accepted between the kills").hasSizeGreaterThan(kills * SENDERS);
        return accepted;
    }

    private static void sendUntilRefused(int port, String prefix, Set<String> accepted, CountDownLatch first) {
        try (var sender = new SmtpSender(port)) {
            for (int i = 0; ; i++) {
                String id = prefix + i + "@durability.test>";
                if (sender.send(id)) {
                    accepted.add(id);
                    first.countDown();
                }
            }
        } catch (IOException e) {
            // The server was killed: what it answered 250 before counts, the rest was never accepted.
        }
    }

    private static void assertStoredOnce(DatabaseSettings settings, Set<String> accepted) {
        try (Database database = Database.open(settings, StoreKey.random("a key of this test"))) {
            List<String> ids = new ArrayList<>();
            for (StoredMail mail : database.mails().recent(ALICE, Integer.MAX_VALUE)) {
                String raw = new String(database.mails().raw(ALICE, mail.id()).orElseThrow(), StandardCharsets.UTF_8);
                Matcher id = MESSAGE_ID.matcher(raw);
                assertThat(id.find()).as("a Message-ID in mail %s", mail.id()).isTrue();
                ids.add(id.group(1));
            }
            Map<String, Long> copies = ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(accepted).allSatisfy(id -> assertThat(copies.get(id)).as("copies of %s", id).isEqualTo(1L));
            assertThat(copies.values()).as("no mail stored twice").allMatch(count -> count == 1);
        }
    }
}
