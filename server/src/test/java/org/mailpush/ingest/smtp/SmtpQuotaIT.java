package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailpush.mail.Quota;

/** A mailbox at its quota, over a real SMTP connection: 452 4.2.2 for now, 552 5.2.2 for a message that never fits. */
class SmtpQuotaIT {

    @Test
    void aFullMailboxIsRefusedForNowAndTheOthersStillTakeMail() throws IOException {
        try (var smtp = RunningReceiver.withQuota(new Quota(2, 0)); var client = new Client(smtp.port())) {
            for (int i = 0; i < 2; i++) {
                assertThat(client.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
                assertThat(client.command("RCPT TO:<alice@example.test>")).startsWith("250 ");
                assertThat(client.command("DATA")).startsWith("354 ");
                assertThat(client.command("Subject: " + i + "\r\n\r\nhello\r\n.")).startsWith("250 ");
            }

            assertThat(client.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<alice@example.test>"))
                    .isEqualTo("452 4.2.2 <alice@example.test>: Mailbox full, try again later");
            assertThat(client.command("RCPT TO:<bob@example.test>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: for bob\r\n\r\nhello\r\n.")).startsWith("250 ");
            assertThat(smtp.stored()).extracting(mail -> mail.owner().value()).containsExactly("alice", "alice", "bob");
        }
    }

    @Test
    void aMessageLargerThanTheWholeQuotaIsRefusedForGood() throws IOException {
        try (var smtp = RunningReceiver.withQuota(new Quota(0, 10_000)); var client = new Client(smtp.port())) {
            assertThat(client.command("MAIL FROM:<carol@example.org> SIZE=20000")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<alice@example.test>"))
                    .isEqualTo("552 5.2.2 <alice@example.test>: Message larger than the mailbox quota");
        }
    }

    @Test
    void aMessageThatTakesTheMailboxOverItsByteQuotaIsRefusedAtTheEndOfDataAndNotStored() throws IOException {
        try (var smtp = RunningReceiver.withQuota(new Quota(0, 4_000)); var client = new Client(smtp.port())) {
            assertThat(client.send(2_000)).startsWith("250 ");

            assertThat(client.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<alice@example.test>")).as("no SIZE=, room left").startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: big\r\n\r\n" + body(2_500) + "."))
                    .isEqualTo("552 5.2.2 <alice@example.test>: Mailbox full");
            assertThat(client.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<alice@example.test>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: huge\r\n\r\n" + body(5_000) + "."))
                    .isEqualTo("552 5.2.2 <alice@example.test>: Message larger than the mailbox quota");

            assertThat(client.send(500)).as("a smaller one still fits").startsWith("250 ");
            assertThat(smtp.stored()).hasSize(2);
            assertThat(smtp.stored().stream().mapToLong(mail -> mail.summary().sizeBytes()).sum()).isLessThanOrEqualTo(4_000);
        }
    }

    @Test
    void sessionsSendingTheSameUserAtOnceDoNotAllPassRcptAndOvershootTogether() throws IOException {
        try (var smtp = RunningReceiver.withQuota(new Quota(3, 0))) {
            List<Client> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    clients.add(new Client(smtp.port()));
                }
                List<String> replies = new ArrayList<>();
                for (Client client : clients) {
                    assertThat(client.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
                    replies.add(client.command("RCPT TO:<alice@example.test>"));
                }
                assertThat(replies).filteredOn(reply -> reply.startsWith("250 ")).hasSize(3);
                assertThat(replies).filteredOn(reply -> reply.startsWith("452 4.2.2 ")).hasSize(3);

                for (int i = 0; i < clients.size(); i++) {
                    if (replies.get(i).startsWith("250 ")) {
                        assertThat(clients.get(i).command("DATA")).startsWith("354 ");
                        assertThat(clients.get(i).command("Subject: " + i + "\r\n\r\nhello\r\n.")).startsWith("250 ");
                    }
                }
                assertThat(smtp.stored()).hasSize(3);
            } finally {
                for (Client client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void roomHeldByATransactionIsGivenBackWhenItEndsWithoutMail() throws IOException {
        try (var smtp = RunningReceiver.withQuota(new Quota(1, 0)); var first = new Client(smtp.port());
                var second = new Client(smtp.port())) {
            assertThat(first.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(first.command("RCPT TO:<alice@example.test>")).startsWith("250 ");
            assertThat(first.command("RCPT TO:<a.smith@example.test>")).as("the same mailbox again").startsWith("250 ");
            assertThat(second.command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(second.command("RCPT TO:<alice@example.test>")).startsWith("452 4.2.2 ");

            assertThat(first.command("RSET")).startsWith("250 ");
            assertThat(second.command("RCPT TO:<alice@example.test>")).startsWith("250 ");
            first.close();
            assertThat(second.command("DATA")).startsWith("354 ");
            assertThat(second.command("Subject: after\r\n\r\nhello\r\n.")).startsWith("250 ");
            assertThat(smtp.stored()).hasSize(1);
        }
    }

    /** About {@code bytes} of body text in lines of 100 octets. */
    private static String body(int bytes) {
        return ("x".repeat(98) + "\r\n").repeat(Math.max(1, bytes / 100));
    }

    /** A plain SMTP client over a socket: the last line of each reply. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            assertThat(reply()).startsWith("220 ");
            assertThat(command("EHLO client.example.org")).startsWith("250 ");
        }

        /** A whole mail to alice of about {@code bodyBytes}; the reply to its data. */
        String send(int bodyBytes) throws IOException {
            assertThat(command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(command("RCPT TO:<alice@example.test>")).startsWith("250 ");
            assertThat(command("DATA")).startsWith("354 ");
            return command("Subject: " + bodyBytes + "\r\n\r\n" + body(bodyBytes) + ".");
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        private String reply() throws IOException {
            String line = in.readLine();
            while (line != null && line.length() > 3 && line.charAt(3) == '-') {
                line = in.readLine();
            }
            return line;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
