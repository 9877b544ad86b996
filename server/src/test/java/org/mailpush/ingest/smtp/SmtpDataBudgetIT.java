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

/**
 * The bound on message data held in memory over all connections (smtp.max-data-in-flight): past it a
 * message is refused for now with 452 4.3.1, and taken once the room is free again.
 */
class SmtpDataBudgetIT {
    private static final int MAX_MESSAGE = 64 * 1024;

    @Test
    void aMessageThatFindsNoRoomIsRefusedForNowAndTakenOnceThereIsRoom() throws IOException {
        // Room for one largest message: four connections in DATA need more than that.
        long budget = SmtpLimits.leastDataBytesInFlight(MAX_MESSAGE);
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withMaxMessageBytes(MAX_MESSAGE)
                .withMaxDataBytesInFlight(budget)))) {
            List<Client> sending = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Client client = new Client(smtp.port());
                client.envelope();
                assertThat(client.command("DATA")).startsWith("354 ");
                client.write("Subject: " + i + "\r\n\r\npart of the message\r\n");
                sending.add(client);
            }
            try (Client late = new Client(smtp.port())) {
                assertThat(late.command("MAIL FROM:<carol@example.org> SIZE=60000"))
                        .isEqualTo("452 4.3.1 Insufficient system storage, try again later");
                late.envelope();
                assertThat(late.command("DATA")).isEqualTo("452 4.3.1 Insufficient system storage, try again later");

                for (Client client : sending) {
                    assertThat(client.command("the rest\r\n.")).startsWith("250 ");
                    client.close();
                }
                late.envelope();
                assertThat(late.command("DATA")).startsWith("354 ");
                assertThat(late.command("Subject: late\r\n\r\nhello\r\n.")).startsWith("250 ");
            }
            assertThat(smtp.stored()).hasSize(4);
        }
    }

    /** A plain SMTP client over a socket, one reply line at a time. */
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
            assertThat(command("HELO client.example.org")).startsWith("250 ");
        }

        void envelope() throws IOException {
            assertThat(command("MAIL FROM:<carol@example.org>")).startsWith("250 ");
            assertThat(command("RCPT TO:<alice@example.test>")).startsWith("250 ");
        }

        String command(String line) throws IOException {
            write(line + "\r\n");
            return reply();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The last line of the next reply. */
        String reply() throws IOException {
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
