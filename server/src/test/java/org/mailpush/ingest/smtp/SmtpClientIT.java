package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailpush.ingest.smtp.RunningReceiver.ALICE;
import static org.mailpush.ingest.smtp.RunningReceiver.BOB;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.StoredMail;

/** The receiver as a real SMTP client (Angus Mail, the Jakarta Mail implementation) sees it. */
class SmtpClientIT {

    @Test
    void deliversToLocalRecipientsAndRefusesUnknownAndRelayRecipients() throws Exception {
        try (var smtp = RunningReceiver.start()) {
            var session = clientSession(smtp.port());
            var message = message(session, "Hello", "alice@example.test", "nobody@example.test", "victim@elsewhere.test");

            var partial = catchThrowableOfType(SMTPSendFailedException.class, () -> send(session, message));

            // the message went to the local recipient; the client reports the others
            assertThat(partial.getReturnCode()).isEqualTo(250);
            assertThat(partial.getMessage()).contains("250 2.0.0 Ok: queued as 1");
            assertThat(partial.getValidSentAddresses()).containsExactly(address("alice@example.test"));
            assertThat(partial.getInvalidAddresses())
                    .containsExactly(address("nobody@example.test"), address("victim@elsewhere.test"));
            assertThat(refusals(partial)).containsExactly(
                    "nobody@example.test 550 550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown",
                    "victim@elsewhere.test 554 554 5.7.1 <victim@elsewhere.test>: Relay access denied");

            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE);
            StoredMail stored = smtp.stored().getFirst();
            assertThat(stored.summary().sender()).isEqualTo("carol@elsewhere.test");
            assertThat(stored.summary().subject()).isEqualTo("Hello");
            assertThat(stored.summary().preview()).isEqualTo("Hello from Carol");
            assertThat(smtp.raw(stored))
                    .startsWith("Return-Path: <carol@elsewhere.test>\r\nReceived: from client.test ([127.0.0.1])")
                    .contains("Subject: Hello");
        }
    }

    @Test
    void storesOneMailPerUserHoweverManyOfTheirAddressesAreNamed() throws Exception {
        try (var smtp = RunningReceiver.start()) {
            var session = clientSession(smtp.port());
            var message = message(session, "Team", "alice@example.test", "a.smith@example.test", "bob@example.test");

            String reply = send(session, message);

            assertThat(reply).isEqualTo("250 2.0.0 Ok: queued as 1 2");
            assertThat(smtp.stored()).extracting(StoredMail::owner).containsExactly(ALICE, BOB);
        }
    }

    @Test
    void sendsNothingWhenNoRecipientIsLocal() throws Exception {
        try (var smtp = RunningReceiver.start()) {
            var session = clientSession(smtp.port());
            var message = message(session, "Relay me", "victim@elsewhere.test");

            var failure = catchThrowableOfType(SendFailedException.class, () -> send(session, message));

            assertThat(failure.getInvalidAddresses()).containsExactly(address("victim@elsewhere.test"));
            assertThat(refusals(failure))
                    .containsExactly("victim@elsewhere.test 554 554 5.7.1 <victim@elsewhere.test>: Relay access denied");
            assertThat(smtp.stored()).isEmpty();
        }
    }

    @Test
    void reportsAStoreFailureAsATemporaryError() throws Exception {
        try (var smtp = RunningReceiver.start(s -> s, FailingMailStore.diskFull())) {
            var session = clientSession(smtp.port());
            var message = message(session, "Hello", "alice@example.test");

            var failure = catchThrowableOfType(SMTPSendFailedException.class, () -> send(session, message));

            assertThat(failure.getReturnCode()).isEqualTo(451);
            assertThat(failure.getMessage()).contains("451 4.3.0");
        }
    }

    @Test
    void refusesAMessageOverTheSizeLimit() throws Exception {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxMessageBytes(2000)))) {
            var session = clientSession(smtp.port());
            var message = message(session, "Big", "alice@example.test");
            message.setText("0123456789".repeat(50).concat("\n").repeat(10));

            var failure = catchThrowableOfType(SMTPSendFailedException.class, () -> send(session, message));

            assertThat(failure.getReturnCode()).isEqualTo(552);
            assertThat(failure.getMessage()).contains("552 5.3.4");
            assertThat(smtp.stored()).isEmpty();
        }
    }

    private static Session clientSession(int port) {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.localhost", "client.test");
        properties.put("mail.smtp.sendpartial", "true");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        return Session.getInstance(properties);
    }

    private static MimeMessage message(Session session, String subject, String... recipients) throws MessagingException {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress("carol@elsewhere.test"));
        message.setSubject(subject);
        message.setText("Hello from Carol");
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, address(recipient));
        }
        return message;
    }

    /** Sends the message and returns the server's reply to the end of data. */
    private static String send(Session session, MimeMessage message) throws MessagingException {
        try (var transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            return transport.getLastServerResponse().strip();
        }
    }

    /** "address code reply" for every recipient the client reports refused. */
    private static List<String> refusals(MessagingException failure) {
        List<String> refusals = new ArrayList<>();
        for (Exception next = failure.getNextException(); next instanceof MessagingException chained;
                next = chained.getNextException()) {
            if (chained instanceof SMTPAddressFailedException refused) {
                refusals.add(refused.getAddress() + " " + refused.getReturnCode() + " " + refused.getMessage().strip());
            }
        }
        return refusals;
    }

    private static Address address(String text) {
        try {
            return new InternetAddress(text);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
