package org.mailpush.ingest.smtp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One client's socket, plain or — after STARTTLS — wrapped in TLS, with the reader over it, and a
 * deadline for the whole of what is being read: the socket's timeout bounds each read, the deadline
 * all of them, so that a client trickling a byte at a time cannot hold the connection for ever.
 */
final class Connection implements Closeable {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final ScheduledExecutorService deadlines;
    private Socket socket;
    private ProtocolInput input;
    private OutputStream output;
    private ScheduledFuture<?> expiry;
    private volatile boolean expired;

    /** @param deadlines where the connection's deadlines run out: they end its input */
    Connection(Socket socket, ScheduledExecutorService deadlines) throws IOException {
        this.deadlines = deadlines;
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

    /**
     * From now on, the input ends (a read sees the end of the stream) once this much time has passed,
     * until {@link #clearDeadline}; {@link #expired} then says why.
     */
    void deadline(Duration within) {
        clearDeadline();
        expiry = deadlines.schedule(this::expire, within.toMillis(), TimeUnit.MILLISECONDS);
    }

    void clearDeadline() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    /** Whether a deadline ran out and ended the input. */
    boolean expired() {
        return expired;
    }

    private void expire() {
        expired = true;
        Socket current = socket;
        try {
            // The reply that says why still goes out: only the input ends.
            current.shutdownInput();
        } catch (IOException | RuntimeException e) {
            try {
                current.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
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
        clearDeadline();
        socket.close();
    }
}
