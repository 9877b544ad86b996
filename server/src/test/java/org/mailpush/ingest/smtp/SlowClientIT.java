package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A client that sends one byte every 100 ms never trips a timeout per read, yet must not hold a
 * connection for ever: the whole command line, and the whole message data, have deadlines; past
 * them the client gets 421 4.4.2 and the connection closes, with nothing stored.
 */
class SlowClientIT {
    private static final Duration TRICKLE = Duration.ofMillis(100);

    @Test
    void aCommandLineTrickledInPastTheCommandTimeoutIsCutOff() throws Exception {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withCommandTimeout(Duration.ofMillis(700))));
                var client = new Socket("127.0.0.1", smtp.port())) {
            var in = reader(client);
            assertThat(in.readLine()).startsWith("220");

            CompletableFuture<Void> trickling = trickle(client.getOutputStream(), "EHLO " + "a".repeat(200));

            assertThat(in.readLine()).startsWith("421 4.4.2");
            assertThat(in.readLine()).as("the connection closes").isNull();
            trickling.cancel(true);
        }
    }

    @Test
    void messageDataTrickledInPastTheDataDeadlineIsCutOffAndNotStored() throws Exception {
        try (var smtp = RunningReceiver.start(s -> s.withLimits(s.limits().withDataDeadline(Duration.ofMillis(700))));
                var client = new Socket("127.0.0.1", smtp.port())) {
            var in = reader(client);
            OutputStream out = client.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            for (String command : new String[] {"HELO slow.example", "MAIL FROM:<bob@example.org>", "RCPT TO:<alice@example.test>",
                    "DATA"}) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String reply = in.readLine();
                assertThat(reply).as(command).matches("(250|354).*");
            }

            CompletableFuture<Void> trickling = trickle(out, "Subject: slow\r\n\r\n" + "x".repeat(200));

            assertThat(in.readLine()).startsWith("421 4.4.2");
            assertThat(in.readLine()).isNull();
            trickling.cancel(true);
            assertThat(smtp.stored()).isEmpty();
        }
    }

    private static BufferedReader reader(Socket client) throws IOException {
        client.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Sends the text a byte at a time, one every 100 ms, on a thread of its own, until it is sent or fails. */
    private static CompletableFuture<Void> trickle(OutputStream out, String text) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    LockSupport.parkNanos(TRICKLE.toNanos());
                }
            } catch (IOException e) {
                // the server closed the connection: as it should
            }
        }, CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS));
    }
}
