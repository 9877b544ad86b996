package org.mailpush.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain SMTP client on one connection, written from RFC 5321 alone: one mail per transaction, each
 * told by its Message-ID, to alice@example.com.
 */
final class SmtpSender implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpSender(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
        reply();
        command("EHLO durability.test");
    }

    /** Sends one mail; whether the server answered its data with 250. */
    boolean send(String messageId) throws IOException {
        if (!command("MAIL FROM:<bob@example.org>").startsWith("250") || !command("RCPT TO:<alice@example.com>").startsWith("250")
                || !command("DATA").startsWith("354")) {
            return false;
        }
        return command("Message-ID: " + messageId + "\r\nSubject: durability " + messageId + "\r\n\r\n"
                + "Mail " + messageId + ", to be kept once accepted.\r\n.").startsWith("250");
    }

    private String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** The last line of the reply; throws when the connection ended, as it does when the server dies. */
    private String reply() throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
        throw new IOException("the server closed the connection");
    }

    /** The client's port, as the server sees the connection. */
    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
