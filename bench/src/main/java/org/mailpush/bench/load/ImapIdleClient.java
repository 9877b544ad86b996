package org.mailpush.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classic way to have mail pushed: an IMAP client (RFC 3501) that waits in IDLE (RFC 2177) on
 * its inbox, and when the server announces a new message ({@code * n EXISTS}) ends the IDLE and
 * fetches it. A reader thread notes when each response line arrives.
 */
public final class ImapIdleClient implements AutoCloseable {
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
    private static final Pattern EXPUNGE = Pattern.compile("\\* \\d+ EXPUNGE");

    /** A response line (with any literal inside it left out) and when its last byte arrived. */
    private record Line(String text, long nanos) {}

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final Duration patience;
    private int tags;
    private long exists;
    private String idleTag;

    /** Connects, logs in and selects INBOX. */
    public ImapIdleClient(int port, String user, String password, Duration patience) {
        this.patience = patience;
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Thread.ofPlatform().daemon().name("imap-idle-reader").start(() -> read(in));
            expect("* OK");
            command("LOGIN " + user + " " + password);
            command("SELECT INBOX");
        } catch (IOException e) {
            throw new UncheckedIOException("IMAP: cannot connect to port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Starts waiting in IDLE; returns once the server agreed. */
    public void idle() {
        idleTag = send("IDLE");
        expect("+");
    }

    /**
     * Waits for the server to announce a new message while idling.
     *
     * @return {@link System#nanoTime()} when the announcement arrived; empty when none came within {@code wait}
     */
    public OptionalLong awaitNewMessage(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Line line = poll(deadline - System.nanoTime());
            if (line == null) {
                return OptionalLong.empty();
            }
            Matcher m = EXISTS.matcher(line.text());
            if (m.lookingAt() && Long.parseLong(m.group(1)) > exists) {
                exists = Long.parseLong(m.group(1));
                return OptionalLong.of(line.nanos());
            }
        }
    }

    /**
     * Ends the IDLE and fetches the newest message whole.
     *
     * @return {@link System#nanoTime()} when the message's last byte arrived
     */
    public long fetchNewest() {
        write("DONE");
        awaitTagged(idleTag);
        String tag = send("FETCH " + exists + " BODY.PEEK[]");
        long fetched = 0;
        while (true) {
            Line line = next();
            if (line.text().startsWith("* " + exists + " FETCH")) {
                fetched = line.nanos();
            } else if (line.text().startsWith(tag + " ")) {
                requireOk(line);
                return fetched;
            }
        }
    }

    /**
     * Deletes the newest message (\\Deleted, EXPUNGE), so the mailbox stays as small as an inbox
     * whose mail is dealt with: GreenMail's fetch gets slower as its mailbox grows.
     */
    public void deleteNewest() {
        command("STORE " + exists + " +FLAGS.SILENT (\\Deleted)");
        command("EXPUNGE");
    }

    private void command(String command) {
        awaitTagged(send(command));
    }

    private String send(String command) {
        String tag = "b" + (++tags);
        write(tag + " " + command);
        return tag;
    }

    private void write(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("IMAP: " + e.getMessage(), e);
        }
    }

    private void awaitTagged(String tag) {
        while (true) {
            Line line = next();
            Matcher m = EXISTS.matcher(line.text());
            if (m.lookingAt()) {
                exists = Math.max(exists, Long.parseLong(m.group(1)));
            } else if (EXPUNGE.matcher(line.text()).lookingAt()) {
                exists--;
            }
            if (line.text().startsWith(tag + " ")) {
                requireOk(line);
                return;
            }
        }
    }

    private static void requireOk(Line line) {
        if (!line.text().split(" ", 3)[1].equals("OK")) {
            throw new IllegalStateException("IMAP server answered: " + line.text());
        }
    }

    private void expect(String prefix) {
        Line line = next();
        if (!line.text().startsWith(prefix)) {
            throw new IllegalStateException("IMAP: expected '" + prefix + "…' but got: " + line.text());
        }
    }

    private Line next() {
        Line line = poll(patience.toNanos());
        if (line == null) {
            throw new IllegalStateException("IMAP: no answer within " + patience);
        }
        return line;
    }

    private Line poll(long nanos) {
        try {
            return lines.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Splits the stream into lines; a literal ({n} then n octets) stays inside its line, left out. */
    private void read(InputStream in) {
        var text = new ByteArrayOutputStream(256);
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\r') {
                    continue;
                }
                if (b != '\n') {
                    text.write(b);
                    continue;
                }
                String line = text.toString(StandardCharsets.US_ASCII);
                long literal = literalLength(line);
                if (literal >= 0) {
                    in.skipNBytes(literal);
                    text.write("…".getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                lines.add(new Line(line, System.nanoTime()));
                text.reset();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static long literalLength(String line) {
        if (!line.endsWith("}")) {
            return -1;
        }
        int open = line.lastIndexOf('{');
        try {
            return open < 0 ? -1 : Long.parseLong(line.substring(open + 1, line.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
