package org.mailpush.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/**
 * The process {@link JdbcH2KillIT} kills. Arguments: the H2 store's directory and a name for the run.
 * Appends mail from several threads at once, and prints "id subject" for each mail once its append
 * returned — that is, once the store accepted it. Stops by itself after a bounded number of mails.
 */
final class AppendUntilKilled {
    static final UserId OWNER = new UserId("alice");
    private static final int THREADS = 4;
    private static final int MAILS_PER_THREAD = 20_000;

    private AppendUntilKilled() {}

    public static void main(String[] args) throws Exception {
        String run = args[1];
        try (Database database = Database.open(DatabaseSettings.h2(Path.of(args[0])))) {
            database.users().add(new User(OWNER, "Alice", Set.of(MailAddress.of("alice@example.com"))));
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> appenders = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                String prefix = run + "-" + thread + "-";
                appenders.add(threads.submit(() -> append(database, prefix)));
            }
            for (Future<?> appender : appenders) {
                appender.get();
            }
            threads.shutdown();
        }
    }

    private static Void append(Database database, String prefix) {
        for (int i = 0; i < MAILS_PER_THREAD; i++) {
            StoredMail stored = database.mails().append(mail(prefix + i)).getFirst();
            synchronized (System.out) {
                System.out.println(stored.id().value() + " " + prefix + i);
                System.out.flush();
            }
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
