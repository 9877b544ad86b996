package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.LAPTOP;
import static org.mailpush.device.DeviceType.PHONE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.json.LinkJson;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoredMail;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/**
 * Terminals that do not read what the server sends (docs/protocol.md, "Closing"): what is queued for
 * one connection stays within link.max-queued-bytes, the connection is dropped past it, and a stuck
 * event stream holds up nobody else.
 */
class LinkBacklogIT {
    private static final long CAP = 1024 * 1024;

    private static LinkSettings settings(Duration ackTimeout, long cap) {
        return new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500), ackTimeout, Duration.ofSeconds(1),
                64 * 1024, 1000, 1000, 10, List.of(), cap);
    }

    @Test
    void aTerminalThatNeverReadsIsDroppedOverTheCapAndThenResumesWithEveryMailOnce() throws IOException {
        try (var fixture = new LinkFixture(settings(Duration.ofSeconds(30), CAP))) {
            UserId alice = fixture.user("alice");
            String token = fixture.device(alice, "phone", PHONE);
            List<MailId> sent = new ArrayList<>();
            try (Socket stuck = stuckWebSocket(fixture.port())) {
                send(stuck, LinkJson.write(new TerminalMessage.Hello(1, token, 0)));
                await(() -> fixture.link.connected(new DeviceId("phone")), "the stuck terminal said hello");

                // Far more than the cap and the socket buffers together, unless the connection is dropped first.
                for (int i = 0; i < 60 && fixture.link.backlogs().overflows() == 0; i++) {
                    sent.add(bigMail(fixture, alice, "mail " + i, 256 * 1024).id());
                    int routed = sent.size();
                    await(() -> fixture.stores.outbox().unacknowledged(new DeviceId("phone")).size() == routed,
                            "mail " + routed + " routed");
                }
                await(() -> !fixture.link.connected(new DeviceId("phone")), "the stuck terminal dropped");
            }

            assertThat(fixture.link.backlogs().overflows()).isEqualTo(1);
            // Never more than the cap, or one message when nothing else was queued.
            assertThat(fixture.link.backlogs().peak()).isLessThanOrEqualTo(CAP);
            await(() -> fixture.link.backlogs().queued() == 0, "the dropped connection's queue freed");

            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                List<MailId> received = new ArrayList<>();
                while (!new HashSet<>(received).containsAll(sent)) {
                    var mail = terminal.next(ServerMessage.Mail.class);
                    received.add(mail.mail());
                    terminal.send(new TerminalMessage.Ack(mail.seq()));
                }
                assertThat(received).containsExactlyElementsOf(sent);
            }
        }
    }

    @Test
    void manyStuckTerminalsTogetherStayWithinTheTotalCapAndTheLargestQueueIsDropped() throws IOException {
        long total = CAP;
        // Each connection alone may queue 64 MiB: only the total can stop them.
        try (var fixture = new LinkFixture(settings(Duration.ofSeconds(30), 64 * CAP).withMaxTotalQueuedBytes(total))) {
            List<UserId> users = new ArrayList<>();
            List<Socket> stuck = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    UserId user = fixture.user("user" + i);
                    String token = fixture.device(user, "phone" + i, PHONE);
                    Socket socket = stuckWebSocket(fixture.port());
                    stuck.add(socket);
                    send(socket, LinkJson.write(new TerminalMessage.Hello(1, token, 0)));
                    DeviceId device = new DeviceId("phone" + i);
                    await(() -> fixture.link.connected(device), "stuck terminal " + i + " said hello");
                    users.add(user);
                }
                // Up to 60 mails of 256 KiB, 15 MiB in all, in turn to the three: far past the total of 1 MiB and the socket buffers.
                for (int i = 0; i < 60 && fixture.link.backlogs().overflows() == 0; i++) {
                    UserId user = users.get(i % users.size());
                    bigMail(fixture, user, "mail " + i, 256 * 1024);
                    DeviceId device = new DeviceId("phone" + (i % users.size()));
                    int routed = i / users.size() + 1;
                    await(() -> fixture.stores.outbox().unacknowledged(device).size() == routed, "mail " + i + " routed");
                }
                long connected = users.stream().filter(u -> fixture.link.connected(new DeviceId("phone" + u.value().substring(4))))
                        .count();
                System.out.printf("total cap %d bytes: peak over all connections %d, on one %d; %d dropped, %d connected%n",
                        total, fixture.link.totalQueuedPeak(), fixture.link.backlogs().peak(),
                        fixture.link.backlogs().overflows(), connected);

                assertThat(fixture.link.backlogs().overflows()).as("a connection dropped for the total").isPositive();
                // Past the total by at most one message per connection sending at that moment (a mail of 256 KiB
                // goes out in base64 inside its JSON message, about 342 KiB): the check and the count are not one step.
                assertThat(fixture.link.totalQueuedPeak()).isLessThanOrEqualTo(total + users.size() * (256 * 1024 * 4 / 3 + 8 * 1024));
                await(() -> fixture.link.backlogs().queued() <= total, "within the total again");
            } finally {
                for (Socket socket : stuck) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aStuckEventStreamHoldsUpNeitherAnotherTerminalNorTheHelloTimeout() throws IOException {
        // Alice's unacknowledged mail is due again every 100 ms: the resend timer meets her stream at once.
        try (var fixture = new LinkFixture(settings(Duration.ofMillis(200), 64 * CAP))) {
            UserId alice = fixture.user("alice");
            UserId bob = fixture.user("bob");
            String aliceToken = fixture.device(alice, "phone", PHONE);
            String bobToken = fixture.device(bob, "laptop", LAPTOP);
            try (Socket stuck = stuckEventStream(fixture.port(), aliceToken);
                    var bobs = TerminalClient.hello(fixture.port(), bobToken, 0)) {
                await(() -> fixture.link.connected(new DeviceId("phone")), "alice's event stream open");
                // More than the socket buffers hold: the stream's writer blocks, and stays blocked.
                for (int i = 0; i < 12; i++) {
                    bigMail(fixture, alice, "large " + i, 1024 * 1024);
                }
                await(() -> fixture.link.backlogs().queued() > 0, "alice's events queued behind a blocked write");

                StoredMail forBob = fixture.mail(bob, "for bob");
                assertThat(bobs.next(ServerMessage.Mail.class).mail()).isEqualTo(forBob.id());
                try (var silent = TerminalClient.connect(fixture.port())) {
                    assertThat(silent.awaitClosed()).isEqualTo(new TerminalClient.Closed(1008, "no hello"));
                }
                assertThat(fixture.link.backlogs().queued()).isPositive();
            }
        }
    }

    /** Stores a mail of about {@code size} bytes for the user and routes it. */
    private static StoredMail bigMail(LinkFixture fixture, UserId owner, String subject, int size) {
        StringBuilder text = new StringBuilder("From: carol@example.org\r\nSubject: " + subject + "\r\n\r\n");
        String line = "All work and no play makes a terminal that never reads. " + subject + "\r\n";
        while (text.length() < size) {
            text.append(line);
        }
        byte[] raw = text.toString().getBytes(StandardCharsets.US_ASCII);
        var summary = new MailSummary("carol@example.org", subject, raw.length, 0, List.of(), Importance.NORMAL, "All work");
        StoredMail stored = fixture.stores.mails().append(new NewMail(List.of(owner), "carol@example.org", raw, summary,
                Instant.now(), new Origin.Smtp("127.0.0.1", "test"))).getFirst();
        fixture.link.submit(stored);
        return stored;
    }

    /** A socket that takes as little as it can, and is never read past the response head. */
    private static Socket unread(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    private static Socket stuckWebSocket(int port) throws IOException {
        Socket socket = unread(port);
        request(socket, """
                GET /api/link HTTP/1.1\r
                Host: 127.0.0.1:%d\r
                Connection: Upgrade\r
                Upgrade: websocket\r
                Sec-WebSocket-Version: 13\r
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                \r
                """.formatted(port));
        assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 101 ");
        return socket;
    }

    private static Socket stuckEventStream(int port, String token) throws IOException {
        Socket socket = unread(port);
        request(socket, """
                GET /api/link/events HTTP/1.1\r
                Host: 127.0.0.1:%d\r
                Accept: text/event-stream\r
                Authorization: Bearer %s\r
                \r
                """.formatted(port, token));
        assertThat(head(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
        return socket;
    }

    private static void request(Socket socket, String head) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the response head, up to its empty line, and nothing after it. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** One text message from a client: a final, masked frame (RFC 6455 §5.2), with a zero masking key. */
    private static void send(Socket socket, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame;
        if (payload.length < 126) {
            frame = new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0};
        } else {
            frame = new byte[] {(byte) 0x81, (byte) (0x80 | 126), (byte) (payload.length >> 8), (byte) payload.length, 0, 0, 0, 0};
        }
        byte[] whole = Arrays.copyOf(frame, frame.length + payload.length);
        System.arraycopy(payload, 0, whole, frame.length, payload.length);
        socket.getOutputStream().write(whole);
        socket.getOutputStream().flush();
    }

    /** Waits (bounded) until the condition holds. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TerminalClient.PATIENCE + ": " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
