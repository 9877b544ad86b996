package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.PHONE;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;

/**
 * The WebSocket under the link (docs/protocol.md, "Connections"): who may open it, how large a message
 * may be, how frames make messages, and when a silent connection is closed.
 */
class LinkWebSocketIT {
    private static final int MAX_MESSAGE = 1024;

    private static LinkSettings settings(Duration heartbeat, List<String> allowedOrigins) {
        return new LinkSettings(heartbeat, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), MAX_MESSAGE,
                1000, 1000, 10, allowedOrigins);
    }

    private static LinkFixture fixture() {
        return new LinkFixture(settings(Duration.ofMinutes(10), List.of("https://mail.example.com")));
    }

    @Test
    void pastMaxConnectionsBeforeHelloOneMoreIsAnswered503UntilOneSaysHello() throws IOException {
        try (var fixture = new LinkFixture(settings(Duration.ofMinutes(10), List.of()).withMaxUnidentified(2))) {
            UserId alice = fixture.user("alice");
            String token = fixture.device(alice, "phone", PHONE);
            try (var first = TerminalClient.connect(fixture.port()); var second = TerminalClient.connect(fixture.port());
                    var socket = new Socket("127.0.0.1", fixture.port())) {
                long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
                while (!crowded(fixture) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/link HTTP/1.1\r\nHost: 127.0.0.1:" + fixture.port() + "\r\nConnection: Upgrade\r\n"
                        + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 503 ")
                        .contains("link.max-connections-before-hello");

                first.send(new TerminalMessage.Hello(1, token, 0));
                first.next(ServerMessage.Welcome.class);
                try (var third = TerminalClient.hello(fixture.port(), token, 0)) {
                    assertThat(fixture.link.connected(new DeviceId("phone"))).isTrue();
                }
            }
        }
    }

    private static boolean crowded(LinkFixture fixture) {
        return fixture.link.connectionsBeforeHello() >= 2;
    }

    @Test
    void aPageFromAForeignOriginIsAnswered403WithoutAnUpgrade() throws IOException {
        try (var fixture = fixture(); var socket = new Socket("127.0.0.1", fixture.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("""
                    GET /api/link HTTP/1.1\r
                    Host: 127.0.0.1:%d\r
                    Origin: https://evil.example\r
                    Connection: Upgrade\r
                    Upgrade: websocket\r
                    Sec-WebSocket-Version: 13\r
                    Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                    \r
                    """.formatted(fixture.port())).getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = readResponse(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 403 ");
            assertThat(response).containsIgnoringCase("Content-Type: application/json").doesNotContainIgnoringCase("Upgrade:");
            assertThat(response).endsWith("{\"status\":403,\"message\":\"origin https://evil.example may not open the terminal link\"}");
        }
    }

    @Test
    void aRequestThatIsNoWebSocketUpgradeIsAnswered426() throws IOException {
        try (var fixture = fixture()) {
            for (String headers : List.of("", "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 8\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")) {
                try (var socket = new Socket("127.0.0.1", fixture.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /api/link HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n%s\r\n".formatted(fixture.port(), headers))
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();

                    String response = readResponse(socket.getInputStream());

                    assertThat(response).startsWith("HTTP/1.1 426 ");
                    assertThat(response).containsIgnoringCase("Sec-WebSocket-Version: 13").doesNotContainIgnoringCase("Set-Cookie");
                    assertThat(response).contains("{\"status\":426,\"message\":\"/api/link is a WebSocket (version 13)");
                }
            }
        }
    }

    @Test
    void aConfiguredOriginAndTheServersOwnMayOpenIt() {
        try (var fixture = fixture()) {
            String token = fixture.device(fixture.user("alice"), "phone", PHONE);
            try (var configured = TerminalClient.connectFrom(fixture.port(), "https://MAIL.example.com")) {
                configured.send(new TerminalMessage.Hello(1, token, 0));
                assertThat(configured.next()).isInstanceOf(ServerMessage.Welcome.class);
            }
            TerminalClient.connectFrom(fixture.port(), "http://127.0.0.1:" + fixture.port()).close();
        }
    }

    @Test
    void aMessageOverTheLinksLimitIsAnsweredTooLargeAndTheConnectionStays() {
        try (var fixture = fixture()) {
            String token = fixture.device(fixture.user("alice"), "phone", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                terminal.sendText("{\"type\": \"policy.get\", \"id\": \"r-1\", \"x-pad\": \"" + "x".repeat(MAX_MESSAGE) + "\"}");

                var error = terminal.next(ServerMessage.Error.class);
                assertThat(error.code()).isEqualTo(ServerMessage.ErrorCode.TOO_LARGE);
                assertThat(error.id()).as("refused before it is read").isEmpty();
                terminal.send(new TerminalMessage.PolicyGet());
                assertThat(terminal.next()).isInstanceOf(ServerMessage.PolicyChanged.class);
            }
        }
    }

    @Test
    void aMessageOverFourTimesTheLimitClosesTheConnectionAsTooBig() {
        try (var fixture = fixture()) {
            String token = fixture.device(fixture.user("alice"), "phone", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                terminal.sendFragments("x".repeat(2 * MAX_MESSAGE), "x".repeat(2 * MAX_MESSAGE + 1));

                var closed = terminal.awaitClosed();
                assertThat(closed.code()).isEqualTo(1009);
                assertThat(closed.reason()).startsWith("Text message too large: ");
            }
        }
    }

    @Test
    void aMessageMayComeInSeveralFrames() {
        try (var fixture = fixture()) {
            String token = fixture.device(fixture.user("alice"), "phone", PHONE);
            try (var terminal = TerminalClient.connect(fixture.port())) {
                terminal.sendFragments("{\"type\": \"hel", "lo\", \"v\": 1, \"token\": \"", token + "\", \"lastAck\": 0}");
                assertThat(terminal.next()).isInstanceOf(ServerMessage.Welcome.class);

                terminal.sendFragments("{\"type\": \"policy", ".get\"}");

                assertThat(terminal.next()).isInstanceOf(ServerMessage.PolicyChanged.class);
            }
        }
    }

    @Test
    void aBinaryMessageIsRefusedAsMalformedOnceHoweverManyFramesItHas() {
        try (var fixture = fixture()) {
            String token = fixture.device(fixture.user("alice"), "phone", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                terminal.sendBinary(new byte[] {1, 2, 3});
                terminal.sendBinary(new byte[] {4}, new byte[] {5}, new byte[] {6});
                terminal.send(new TerminalMessage.PolicyGet());

                var first = terminal.next(ServerMessage.Error.class);
                assertThat(first.code()).isEqualTo(ServerMessage.ErrorCode.MALFORMED);
                assertThat(first.message()).isEqualTo("a binary message is not part of the link: send JSON in text frames");
                assertThat(first.strikes()).isEqualTo(1);
                assertThat(terminal.next(ServerMessage.Error.class).strikes()).isEqualTo(2);
                assertThat(terminal.next()).as("the connection stays").isInstanceOf(ServerMessage.PolicyChanged.class);
            }
        }
    }

    @Test
    void aTextMessageThatIsNoUtf8ClosesTheConnection() throws IOException {
        // One text frame, final, masked with a zero key (RFC 6455 §5.2), holding C3 28: no UTF-8.
        assertThat(closeAfterFrame(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, (byte) 0xC3, 0x28}))
                .isEqualTo(new TerminalClient.Closed(1007, "Invalid UTF-8"));
    }

    @Test
    void aFrameThatBreaksTheWebSocketProtocolClosesTheConnection() throws IOException {
        // A text frame from a client, not masked.
        assertThat(closeAfterFrame(new byte[] {(byte) 0x81, 0x02, 'h', 'i'}))
                .isEqualTo(new TerminalClient.Closed(1002, "Client MUST mask all frames (RFC-6455: Section 5.1)"));
    }

    /** Opens the WebSocket from a raw socket, sends the frame, and returns the close frame that answers it. */
    private static TerminalClient.Closed closeAfterFrame(byte[] frame) throws IOException {
        try (var fixture = fixture(); var socket = new Socket("127.0.0.1", fixture.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("""
                    GET /api/link HTTP/1.1\r
                    Host: 127.0.0.1:%d\r
                    Connection: Upgrade\r
                    Upgrade: websocket\r
                    Sec-WebSocket-Version: 13\r
                    Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
                    \r
                    """.formatted(fixture.port())).getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");

            out.write(frame);
            out.flush();

            assertThat(in.readUnsignedByte()).as("a close frame").isEqualTo(0x88);
            byte[] payload = new byte[in.readUnsignedByte()];
            in.readFully(payload);
            return new TerminalClient.Closed(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF),
                    new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPingIsAnsweredWithItsPayload() {
        try (var fixture = fixture(); var terminal = TerminalClient.connect(fixture.port())) {
            assertThat(terminal.ping(new byte[] {4, 2})).containsExactly(4, 2);
        }
    }

    @Test
    void aTerminalSilentForThreeHeartbeatsIsDisconnected() {
        try (var fixture = new LinkFixture(settings(Duration.ofMillis(100), List.of()))) {
            UserId alice = fixture.user("alice");
            String token = fixture.device(alice, "phone", PHONE);
            try (var terminal = TerminalClient.hello(fixture.port(), token, 0)) {
                assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1001, "Connection Idle Timeout"));
            }
            awaitDisconnected(fixture, new DeviceId("phone"));
        }
    }

    /** The whole response of a server that closes the connection after it (or once it has its body). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder response = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (complete(response.toString())) {
                break;
            }
        }
        return response.toString();
    }

    /** The status line and headers of a response, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the response ended within its head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static boolean complete(String response) {
        int end = response.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int length = Integer.parseInt(head.substring(at + 15).lines().findFirst().orElseThrow().strip());
        return response.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
    }

    private static void awaitDisconnected(LinkFixture fixture, DeviceId device) {
        long deadline = System.nanoTime() + TerminalClient.PATIENCE.toNanos();
        while (fixture.link.connected(device)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(device + " is still connected");
            }
            Thread.onSpinWait();
        }
    }
}
