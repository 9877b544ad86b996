package org.mailpush.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal SMTP client (RFC 5321) on one connection: EHLO once, then one transaction per mail. It
 * notes the moment the server's reply to the end of the data arrives — the moment the mail counts as
 * accepted.
 */
public final class SmtpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to 127.0.0.1:port from {@code source} and says EHLO. */
    public SmtpClient(int port, InetAddress source) {
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
            expect(220, reply());
            command("EHLO bench.example");
            expect(250, reply());
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP: cannot connect to port " + port + ": " + e.getMessage(), e);
        }
    }

    public SmtpClient(int port) {
        this(port, InetAddress.getLoopbackAddress());
    }

    /**
     * When a mail was handed over: the client wrote the end of its data, and read the 250 for it
     * ({@link System#nanoTime()}).
     */
    public record Sent(long dataEnd, long accepted) {}

    /**
     * Sends one mail; the message must end with CRLF and have no line starting with a dot.
     *
     * @throws SmtpException when the server refuses the mail
     */
    public Sent send(String from, String to, byte[] message) {
        try {
            command("MAIL FROM:<" + from + ">");
            expect(250, reply());
            command("RCPT TO:<" + to + ">");
            expect(250, reply());
            command("DATA");
            expect(354, reply());
            out.write(message);
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long dataEnd = System.nanoTime();
            String reply = reply();
            long accepted = System.nanoTime();
            expect(250, reply);
            return new Sent(dataEnd, accepted);
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP: " + e.getMessage(), e);
        }
    }

    private void command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A whole reply, its lines joined; the code is its first three characters. */
    private String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
            reply.append('\n');
        }
    }

    private String line() throws IOException {
        var bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    private static void expect(int code, String reply) {
        if (!reply.startsWith(Integer.toString(code))) {
            throw new SmtpException(reply);
        }
    }

    @Override
    public void close() {
        try {
            command("QUIT");
            reply();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** The server refused: its reply. */
    public static final class SmtpException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SmtpException(String reply) {
            super("SMTP server replied: " + reply);
        }
    }
}
