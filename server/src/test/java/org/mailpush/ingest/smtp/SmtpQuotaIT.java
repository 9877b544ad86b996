package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
