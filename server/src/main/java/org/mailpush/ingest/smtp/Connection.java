package org.mailpush.ingest.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** One client's socket, plain or — after STARTTLS — wrapped in TLS, with the reader over it. */
final class Connection implements Closeable {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private Socket socket;
    private ProtocolInput input;
    private OutputStream output;

    Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.input = new ProtocolInput(socket.getInputStream());
        this.output = socket.getOutputStream();
    }

    InetAddress clientAddress() {
        return socket.getInetAddress();
    }

    ProtocolInput input() {
        return input;
    }

    boolean secure() {
        return socket instanceof SSLSocket;
    }

    void send(Reply reply) throws IOException {
        output.write(reply.wire());
        output.flush();
    }

    /** How long a read may wait for the client before it fails with a SocketTimeoutException. */
    void timeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    /**
     * Turns the connection into a TLS server connection (RFC 3207 4.2). Whatever the client sent
     * after STARTTLS before the handshake is thrown away unread: it came in plain text and could
     * have been injected by anyone on the path (RFC 3207 5, CVE-2011-0411).
     *
     * @return how many plain-text bytes were thrown away
     */
    int startTls(SSLContext context) throws IOException {
        int discarded = input.discardBuffered();
        var tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(PROTOCOLS);
        tls.startHandshake();
        socket = tls;
        input = new ProtocolInput(tls.getInputStream());
        output = tls.getOutputStream();
        return discarded;
    }

    /** Closes the connection, with a TLS close_notify when TLS is on. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
