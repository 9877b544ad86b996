package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.json.LinkJson;
import org.mailpush.link.TerminalClient;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.protocol.TerminalMessage;

/**
 * The abuse suites of issue 14 against a real server process: SMTP clients that trickle bytes, crowd
 * the listener and send oversized data; terminals that never read, reconnect in a storm, send
 * malformed and binary frames or never say hello. Afterwards the server's Java threads come back to
 * where they were and its heap after a full GC stays within a bound; the figures are printed.
 * Timings are not asserted: the limits under test end each abuser, and the test waits for them.
 */
class AbuseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many Java threads the server may have beyond its baseline once the abuse is over. */
    private static final int THREAD_SLACK = 8;
    /** How much more heap, after a full GC, the server may hold than before the abuse. */
    private static final long HEAP_SLACK = 48L * 1024 * 1024;

    @TempDir
    Path directory;

    @Test
    void smtpAndLinkAbuseLeaveTheServersThreadsAndHeapWhereTheyWere() throws Exception {
        Path data = directory.resolve("data");
        Map<String, String> settings = Map.of(
                "smtp.command-timeout", "2s",
                "smtp.data-timeout", "2s",
                "smtp.data-deadline", "3s",
                "smtp.max-message-size", "1MiB",
                "smtp.max-connections-per-address", "100",
                "link.hello-timeout", "1s",
                "link.max-queued-bytes", "256KiB",
                "link.max-total-queued-bytes", "1MiB",
                "link.ack-timeout", "2s");
        try (ServerProcess server = ServerProcess.start(data, settings)) {
            Admin.addUser(server.httpPort(), data, "alice", "alice@example.com");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tokens.add(JSON.readTree(Admin.post(server.httpPort(), data, "/api/admin/users/alice/devices",
                        "{\"id\": \"terminal" + i + "\", \"type\": \"phone\"}")).get("token").asText());
            }
            warmUp(server, tokens.getFirst());
            Figures baseline = Figures.of(server);

            var peak = new Sampler(server);
            try (ExecutorService abusers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> runs = new ArrayList<>();
                runs.add(abusers.submit(() -> slowCommands(server.smtpPort(), 40)));
                runs.add(abusers.submit(() -> slowData(server.smtpPort(), 20)));
                runs.add(abusers.submit(() -> oversizedData(server.smtpPort(), 10)));
                runs.add(abusers.submit(() -> crowd(server.smtpPort(), 150)));
                runs.add(abusers.submit(() -> neverReading(server, tokens.subList(1, 6))));
                runs.add(abusers.submit(() -> reconnectStorm(server.httpPort(), tokens.getFirst(), 200)));
                runs.add(abusers.submit(() -> malformed(server.httpPort(), 40)));
                runs.add(abusers.submit(() -> silent(server.httpPort(), 50)));
                for (Future<String> run : runs) {
                    System.out.println("abuse: " + run.get());
                }
            }
            peak.stop();

            Figures after = settle(server, baseline);
            System.out.printf("abuse figures: Java threads %d before, %d at most during, %d after; "
                            + "heap after full GC %d KiB before, %d KiB after (bound %d KiB)%n",
                    baseline.threads(), peak.maxThreads(), after.threads(), baseline.heapBytes() / 1024,
                    after.heapBytes() / 1024, (baseline.heapBytes() + HEAP_SLACK) / 1024);
            assertThat(after.threads()).as("Java threads back to the baseline").isLessThanOrEqualTo(baseline.threads() + THREAD_SLACK);
            assertThat(after.heapBytes()).as("heap after a full GC").isLessThanOrEqualTo(baseline.heapBytes() + HEAP_SLACK);

            // And the server still does its work.
            try (Mailer mailer = new Mailer(server.smtpPort());
                    TerminalClient terminal = TerminalClient.hello(server.httpPort(), tokens.getFirst(), 0)) {
                assertThat(mailer.send("bob@example.org", "alice@example.com", "after the abuse", 0, 0)).isEqualTo(250);
                ServerMessage.Mail mail;
                do {
                    mail = terminal.next(ServerMessage.Mail.class);
                    terminal.send(new TerminalMessage.Ack(mail.seq()));
                } while (!mail.summary().subject().equals("after the abuse"));
            }
        }
    }

    /** Mail and a terminal that reads it, so that what serving starts lazily is there before the baseline. */
    private static void warmUp(ServerProcess server, String token) throws Exception {
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            for (int i = 0; i < 5; i++) {
                assertThat(mailer.send("bob@example.org", "alice@example.com", "warm-up " + i, 0, 0)).isEqualTo(250);
            }
        }
        try (TerminalClient terminal = TerminalClient.hello(server.httpPort(), token, 0)) {
            for (int i = 0; i < 5; i++) {
                var mail = terminal.next(ServerMessage.Mail.class);
                terminal.send(new TerminalMessage.Ack(mail.seq()));
            }
        }
    }

    /** Waits, boundedly, for the threads to come back; returns the figures then, after a full GC. */
    private static Figures settle(ServerProcess server, Figures baseline) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Figures now = Figures.of(server);
        while ((now.threads() > baseline.threads() + THREAD_SLACK || now.heapBytes() > baseline.heapBytes() + HEAP_SLACK)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            now = Figures.of(server);
        }
        return now;
    }

    // SMTP

    /** Clients that send a command one byte at a time: smtp.command-timeout ends each. */
    private static String slowCommands(int port, int clients) throws Exception {
        AtomicInteger closedWith421 = new AtomicInteger();
        int cutOff = parallel(clients, i -> {
            try (Socket socket = smtp(port)) {
                if (reply(socket).startsWith("220") && trickle(socket, "EHLO slow-" + i + ".example.org\r\n").startsWith("421")) {
                    closedWith421.incrementAndGet();
                }
            }
        });
        return clients + " slow commands, " + closedWith421 + " ended with 421, " + cutOff + " cut off before";
    }

    /** Clients that trickle their message data: smtp.data-deadline ends each. */
    private static String slowData(int port, int clients) throws Exception {
        AtomicInteger closedWith421 = new AtomicInteger();
        int cutOff = parallel(clients, i -> {
            try (Socket socket = smtp(port)) {
                command(socket, "EHLO trickle.example.org");
                command(socket, "MAIL FROM:<bob@example.org>");
                command(socket, "RCPT TO:<alice@example.com>");
                if (command(socket, "DATA").startsWith("354")
                        && trickle(socket, "Subject: slow\r\n\r\n" + "x".repeat(200) + "\r\n.\r\n").startsWith("421")) {
                    closedWith421.incrementAndGet();
                }
            }
        });
        return clients + " slow data, " + closedWith421 + " ended with 421, " + cutOff + " cut off before";
    }

    /** Clients that send twice smtp.max-message-size as fast as they can. */
    private static String oversizedData(int port, int clients) throws Exception {
        AtomicInteger refused = new AtomicInteger();
        byte[] line = ("y".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int cutOff = parallel(clients, i -> {
            try (Socket socket = smtp(port)) {
                command(socket, "EHLO big.example.org");
                command(socket, "MAIL FROM:<bob@example.org>");
                command(socket, "RCPT TO:<alice@example.com>");
                if (command(socket, "DATA").startsWith("354")) {
                    OutputStream out = socket.getOutputStream();
                    for (int sent = 0; sent < 2 * 1024 * 1024; sent += line.length) {
                        out.write(line);
                    }
                    if (command(socket, ".").startsWith("552")) {
                        refused.incrementAndGet();
                    }
                }
            }
        });
        return clients + " oversized messages, " + refused + " refused with 552, " + cutOff + " cut off before";
    }

    /** More connections at once than smtp.max-connections, each held open without a word. */
    private static String crowd(int port, int connections) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        int greeted = 0;
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = smtp(port);
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                if (reply(socket).startsWith("220")) {
                    greeted++;
                }
            }
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        return connections + " idle connections at once, " + greeted + " greeted";
    }

    private static Socket smtp(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends the text a byte every 200 ms until the server closes or answers; returns its reply. */
    private static String trickle(Socket socket, String text) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            try {
                out.write(b);
                out.flush();
            } catch (IOException closed) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            if (in.available() > 0) {
                break;
            }
        }
        return reply(socket);
    }

    /** Sends a command; returns the last line of its reply (the greeting first, on a new connection's first command). */
    private static String command(Socket socket, String line) throws IOException {
        if (line.startsWith("EHLO")) {
            reply(socket);
        }
        socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return reply(socket);
    }

    /** The last line of the next reply; empty when the connection closed first. */
    private static String reply(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.toString();
                }
                if (b == '\n') {
                    String text = line.toString().strip();
                    if (text.length() < 4 || text.charAt(3) != '-') {
                        return text;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        } catch (IOException reset) {
            return line.toString();
        }
    }

    // The terminal link

    /** Terminals that say hello and never read, while large mails arrive for them. */
    /** A mail client past the connection limit the crowd of idle connections holds the server at: it tries again for up to a minute. */
    private static Mailer greetedMailer(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return new Mailer(port);
            } catch (jakarta.mail.MessagingException e) {
                if (System.nanoTime() > deadline || e.getMessage() == null || !e.getMessage().contains("421")) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    private static String neverReading(ServerProcess server, List<String> tokens) throws Exception {
        List<Socket> stuck = new ArrayList<>();
        try {
            for (String token : tokens) {
                Socket socket = unreadWebSocket(server.httpPort());
                frame(socket, 0x1, LinkJson.write(new TerminalMessage.Hello(1, token, 0)).getBytes(StandardCharsets.UTF_8));
                stuck.add(socket);
            }
            int accepted = 0;
            try (Mailer mailer = greetedMailer(server.smtpPort())) {
                for (int i = 0; i < 20; i++) {
                    if (mailer.send("bob@example.org", "alice@example.com", "large " + i, 1, 200_000) == 250) {
                        accepted++;
                    }
                }
            }
            // Time for the link to queue (and drop past the caps) while nobody reads.
            LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            return stuck.size() + " terminals that never read, " + accepted + " large mails for them";
        } finally {
            for (Socket socket : stuck) {
                socket.close();
            }
        }
    }

    /** One terminal connecting, saying hello and leaving, again and again. */
    private static String reconnectStorm(int port, String token, int times) throws Exception {
        AtomicInteger welcomed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        parallel(8, worker -> {
            for (int i = worker; i < times; i += 8) {
                try (TerminalClient terminal = TerminalClient.hello(port, token, 0)) {
                    welcomed.incrementAndGet();
                } catch (RuntimeException | AssertionError refusedOrDropped) {
                    // A newer connection of the same terminal replaces this one before its welcome: that is the storm.
                    refused.incrementAndGet();
                }
            }
        });
        return times + " reconnects, " + welcomed + " welcomed, " + refused + " replaced or dropped before the welcome";
    }

    /** Connections that send broken JSON, binary frames and control characters until the server strikes them out. */
    private static String malformed(int port, int connections) throws Exception {
        AtomicInteger closed = new AtomicInteger();
        parallel(connections, i -> {
            try (TerminalClient terminal = TerminalClient.connect(port)) {
                try {
                    for (int n = 0; n < 20; n++) {
                        switch (n % 4) {
                            case 0 -> terminal.sendText("{\"type\": ");
                            case 1 -> terminal.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
                            case 2 -> terminal.sendText("\u0000\u0001 not json");
                            default -> terminal.sendText("{\"type\": \"hello\", \"type\": \"hello\"}");
                        }
                    }
                } catch (RuntimeException closedAlready) {
                    // the server struck it out before it was done
                }
                terminal.awaitClosed();
                closed.incrementAndGet();
            }
        });
        return connections + " malformed talkers, " + closed + " closed by the server";
    }

    /** Connections that never say hello: link.hello-timeout closes them. */
    private static String silent(int port, int connections) throws Exception {
        AtomicInteger closed = new AtomicInteger();
        parallel(connections, i -> {
            try (TerminalClient terminal = TerminalClient.connect(port)) {
                terminal.awaitClosed();
                closed.incrementAndGet();
            }
        });
        return connections + " silent connections, " + closed + " closed for no hello";
    }

    /** A WebSocket whose client takes as little as it can and never reads past the response head. */
    private static Socket unreadWebSocket(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write(("GET /api/link HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101 ");
        return socket;
    }

    /** One final, masked frame (RFC 6455 5.2) with a zero masking key. */
    private static void frame(Socket socket, int opcode, byte[] payload) throws IOException {
        byte[] head = payload.length < 126
                ? new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | payload.length), 0, 0, 0, 0}
                : new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (payload.length >> 8), (byte) payload.length,
                        0, 0, 0, 0};
        byte[] whole = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, whole, head.length, payload.length);
        socket.getOutputStream().write(whole);
        socket.getOutputStream().flush();
    }

    // Running and measuring

    @FunctionalInterface
    private interface Abuser {
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code count} abusers at once on virtual threads and waits for all of them; returns how
     * many the server cut off (an I/O error: refused past its connection limits, or closed under them).
     */
    private static int parallel(int count, Abuser abuser) throws Exception {
        int cutOff = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                running.add(threads.submit(() -> {
                    abuser.run(index);
                    return null;
                }));
            }
            for (Future<?> run : running) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof IOException)) {
                        throw e;
                    }
                    cutOff++;
                }
            }
        }
        return cutOff;
    }

    /** The server's Java threads (compiler threads left out: the JIT adds and removes them as it likes) and its heap after a full GC. */
    record Figures(int threads, long heapBytes) {
        static Figures of(ServerProcess server) {
            server.jcmd("GC.run");
            return new Figures(threads(server), heap(server.jcmd("GC.heap_info")));
        }

        static int threads(ServerProcess server) {
            return (int) server.jcmd("Thread.print").lines()
                    .filter(line -> line.startsWith("\"") && line.contains("\" #") && !line.contains("CompilerThread"))
                    .count();
        }

        private static long heap(String info) {
            var used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
            if (!used.find()) {
                throw new IllegalStateException("no heap figure in:\n" + info);
            }
            return Long.parseLong(used.group(1)) * 1024;
        }
    }

    /** Samples the server's thread count every 500 ms while the abuse runs. */
    private static final class Sampler {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int maxThreads;

        Sampler(ServerProcess server) {
            thread = Thread.ofVirtual().start(() -> {
                while (running) {
                    try {
                        maxThreads = Math.max(maxThreads, Figures.threads(server));
                    } catch (RuntimeException e) {
                        // a busy JVM may not answer an attach now and then: the next sample will do
                    }
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        int maxThreads() {
            return maxThreads;
        }
    }
}
