package org.mailpush.store.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.StoreKey;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/**
 * The process {@link JournalKillIT} kills. Arguments: the data directory and a name for the run.
 * Opens the H2 store with the journal in front, as the server does, appends mail from several
 * threads at once, and prints each mail's subject once its append returned — that is, once the store
 * accepted it, and then marks it routed, as the server's routing does. Stops by itself after a
 * bounded number of mails.
 */
final class AppendUntilKilled {
    static final UserId OWNER = new UserId("alice");
    private static final int THREADS = 8;
    private static final int MAILS_PER_THREAD = 100_000;

    private AppendUntilKilled() {}

    /** The store as the server opens it on H2: the journal in front of the database. */
    static JournaledMailStore open(Database database, Path data) {
        return JournaledMailStore.open(data.resolve("journal"), database.mails(), database.journaled().orElseThrow(),
                Duration.ofMillis(300));
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String run = args[1];
        try (Database database = Database.open(DatabaseSettings.h2(data.resolve("db")), StoreKey.random("a key of this run"));
                JournaledMailStore mails = open(database, data)) {
            if (database.users().find(OWNER).isEmpty()) {
                database.users().add(new User(OWNER, "Alice", Set.of(MailAddress.of("alice@example.com"))));
            }
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> appenders = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                String prefix = run + "-" + thread + "-";
                appenders.add(threads.submit(() -> append(mails, prefix)));
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
            threads.shutdown();
        }
    }

    private static Void append(MailStore mails, String prefix) {
        for (int i = 0; i < MAILS_PER_THREAD; i++) {
            List<StoredMail> stored = mails.append(mail(prefix + i));
            synchronized (System.out) {
                System.out.println(prefix + i);
                System.out.flush();
            }
            // As routing does next: more commits, each a chunk H2 writes.
            mails.routed(OWNER, stored.getFirst().id());
        }
        return null;
    }

    /** The mail with this subject, as the child appends it and the test expects to find it. */
    static NewMail mail(String subject) {
        byte[] raw = ("Subject: " + subject + "\r\n\r\n" + "x".repeat(2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        var summary = new MailSummary("bob@example.com", subject, raw.length, 0, List.of(), Importance.NORMAL, "");
        return new NewMail(List.of(OWNER), "bob@example.com", raw, summary, Instant.parse("2025-06-02T12:00:00Z"),
                new Origin.Smtp("127.0.0.1", "localhost"));
    }
}
