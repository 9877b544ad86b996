package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailpush.ingest.smtp.RunningReceiver.ALICE;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.mail.StoredMail;
import org.mailpush.upstream.Secret;

/** STARTTLS (RFC 3207) with a certificate made for the test. */
class StartTlsIT {
    @TempDir
    static Path directory;

    private static TestCertificate certificate;

    @BeforeAll
    static void makeCertificate() {
        certificate = TestCertificate.createIn(directory);
    }

    @Test
    void discardsCommandsSentWithStarttlsAndForgetsThePlainTextSession() {
        try (var smtp = RunningReceiver.start(s -> s.withTls(certificate.serverSide()))) {
            Transcript.load("starttls").play(smtp.port(), Optional.of(certificate.clientSide()));

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE);
            assertThat(smtp.raw(smtp.stored().getFirst()))
                    .contains("with ESMTPS").contains("Subject: over TLS");
        }
    }

    @Test
    void aRealClientUpgradesAndDelivers() throws MessagingException {
        try (var smtp = RunningReceiver.start(s -> s.withTls(certificate.serverSide()))) {
            var properties = new Properties();
            properties.put("mail.smtp.host", "127.0.0.1");
            properties.put("mail.smtp.port", String.valueOf(smtp.port()));
            properties.put("mail.smtp.localhost", "client.test");
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.socketFactory", certificate.clientSide().getSocketFactory());
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
            properties.put("mail.smtp.connectiontimeout", "10000");
            properties.put("mail.smtp.timeout", "10000");
            var session = Session.getInstance(properties);
            var message = new MimeMessage(session);
            message.setFrom(new InternetAddress("carol@elsewhere.test"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.test"));
            message.setSubject("Sent over TLS");
            message.setText("Hello Alice");

            try (var transport = (SMTPTransport) session.getTransport("smtp")) {
                transport.connect();
                assertThat(transport.getLastServerResponse()).startsWith("250");
                transport.sendMessage(message, message.getAllRecipients());
                assertThat(transport.getLastServerResponse()).isEqualTo("250 2.0.0 Ok: queued as 1\n");
            }

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE);
            assertThat(smtp.raw(smtp.stored().getFirst()))
                    .contains("with ESMTPS").contains("Subject: Sent over TLS");
        }
    }

    @Test
    void refusesAKeystoreItCannotRead() {
        var wrongPassword = new SmtpTls(certificate.serverSide().keystore(), new Secret("wrong"));

        assertThatThrownBy(() -> RunningReceiver.start(s -> s.withTls(wrongPassword)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("smtp.tls.keystore: cannot use " + certificate.serverSide().keystore());
    }
}
