package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.StoredMail;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.store.jdbc.TestPostgres;
import org.mailpush.user.UserId;

/**
 * SPEC X1: a mail the server accepted (SMTP 250) survives {@code kill -9} of the server at any moment
 * after. A real server process takes a burst of mail from several SMTP clients and is killed in the
 * middle of it; after a restart every accepted mail is in the store, once.
 */
class DurabilityIT {
    private static final int SENDERS = 4;
    private static final int MAILS_PER_SENDER = 250;
    private static final int KILL_AFTER_ACCEPTED = 200;

    @TempDir
    Path directory;

    @Test
    void everyAcceptedMailSurvivesAKillOnH2() throws Exception {
        Path data = directory.resolve("data");
        Set<String> accepted = burstThenKill(data, Map.of());

        ServerProcess.start(data, Map.of()).close();

        assertStored(DatabaseSettings.h2(data.resolve("db")), accepted);
    }

    @Test
    void everyAcceptedMailSurvivesAKillOnPostgres() throws Exception {
        try (TestPostgres postgres = new TestPostgres()) {
            Path data = directory.resolve("data");
            Set<String> accepted = burstThenKill(data, postgres.settings());

            ServerProcess.start(data, postgres.settings()).close();

            assertStored(postgres.database(2), accepted);
        }
    }

    /** Sends mail from several clients at once and kills the server once enough was accepted. */
    private Set<String> burstThenKill(Path data, Map<String, String> settings) throws Exception {
        ServerProcess server = ServerProcess.start(data, settings);
        Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACCEPTED);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.execute(() -> send(server.smtpPort(), sender, accepted, enough));
        }
        enough.await(2, TimeUnit.MINUTES);
        server.kill();
        senders.shutdown();
        assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACCEPTED)
                .as("the kill came in the middle of the burst").hasSizeLessThan(SENDERS * MAILS_PER_SENDER);
        return accepted;
    }

    private static void send(int port, int sender, Set<String> accepted, CountDownLatch enough) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < MAILS_PER_SENDER; i++) {
                String subject = "burst " + sender + "-" + i;
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("bob@example.org"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
                message.setSubject(subject);
                message.setText("mail number " + i + " of sender " + sender);
                transport.sendMessage(message, message.getAllRecipients());
                if (((SMTPTransport) transport).getLastReturnCode() == 250) {
                    accepted.add(subject);
                    enough.countDown();
                }
            }
        } catch (MessagingException e) {
            // The server was killed: what it accepted before counts, the rest was never accepted.
        }
    }

    private static void assertStored(DatabaseSettings settings, Set<String> accepted) {
        try (Database database = Database.open(settings)) {
            List<StoredMail> stored = database.mails().recent(new UserId("alice"), 100_000);
            List<String> subjects = stored.stream().map(m -> m.summary().subject()).toList();
            assertThat(subjects).doesNotHaveDuplicates();
            assertThat(subjects).containsAll(accepted);
        }
    }
}
