package org.mailpush.ingest.upstream;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Service;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.upstream.TlsMode;

/**
 * The Jakarta Mail (Angus Mail) set-up both watchers share: session properties from the account's
 * TLS mode and the settings, logging in, and reading a mail's bytes exactly as the server holds them.
 */
public final class JakartaMail {
    /** Runs each folder's event dispatcher on a virtual thread instead of a platform thread of its own. */
    private static final Executor EVENTS = task -> Thread.ofVirtual().name("mail-events").start(task);

    private JakartaMail() {
    }

    /** The Jakarta Mail protocol: imap, imaps, pop3 or pop3s (implicit TLS, RFC 8314). */
    static String protocol(UpstreamServer server) {
        String name = server.protocol().name().toLowerCase(Locale.ROOT);
        return server.tls() == TlsMode.IMPLICIT ? name + "s" : name;
    }

    static Properties properties(UpstreamServer server, UpstreamSettings settings) {
        String protocol = protocol(server);
        String prefix = "mail." + protocol + ".";
        var properties = new Properties();
        // Protocol traces are never switched on here: with them, a wrong setting elsewhere could log a login.
        properties.setProperty("mail.debug", "false");
        properties.setProperty("mail.debug.auth", "false");
        properties.put("mail.event.executor", EVENTS);
        properties.setProperty(prefix + "connectiontimeout", millis(settings.connectTimeout()));
        properties.setProperty(prefix + "timeout", millis(settings.readTimeout()));
        switch (server.tls()) {
            case NONE -> { }
            case STARTTLS -> {
                properties.setProperty(prefix + "starttls.enable", "true");
                properties.setProperty(prefix + "starttls.required", "true");
                properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case IMPLICIT -> {
                properties.setProperty(prefix + "ssl.enable", "true");
                properties.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
        }
        if (protocol.startsWith("imap")) {
            // Reading a mail must not mark it \Seen upstream: BODY.PEEK[] (RFC 3501 §6.4.5).
            properties.setProperty(prefix + "peek", "true");
        }
        return properties;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    /** Opens a session of its own (never the shared default one) and logs in. */
    public static Store connect(UpstreamServer server, UpstreamSettings settings) throws MessagingException {
        try {
            new UpstreamGuard(settings.allowPrivateAddresses()).beforeConnecting(server);
        } catch (java.io.IOException refused) {
            throw new MessagingException(refused.getMessage(), refused);
        }
        Store store = Session.getInstance(properties(server, settings)).getStore(protocol(server));
        store.connect(server.host(), server.port(), server.username(), server.password().value());
        return store;
    }

    /**
     * The mail's bytes as the server holds them (IMAP BODY.PEEK[], POP3 RETR); empty when it is larger
     * than {@code maxBytes}, by the size the server gives before (RFC822.SIZE, LIST) or by what it sends,
     * which is read no further than that.
     */
    public static Optional<byte[]> raw(Message message, long maxBytes) throws MessagingException, IOException {
        if (message.getSize() > maxBytes) {
            return Optional.empty();
        }
        var bytes = new Bounded(maxBytes);
        try {
            message.writeTo(bytes);
        } catch (IOException | MessagingException | RuntimeException e) {
            // The limit's failure may come back as it was or wrapped, as Angus Mail passes it on.
            if (bytes.full) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(bytes.toByteArray());
    }

    /** Bytes up to a limit; past it, every write fails. */
    private static final class Bounded extends ByteArrayOutputStream {
        private final long limit;
        private boolean full;

        Bounded(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) {
            room(1);
            super.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            super.write(b, off, len);
        }

        private void room(int more) {
            if (count + (long) more > limit) {
                full = true;
                throw new java.io.UncheckedIOException(new IOException("larger than " + limit + " bytes"));
            }
        }
    }

    /** Logs out, or drops the connection when logging out fails: the session is over either way. */
    public static void closeQuietly(Service service) {
        try {
            service.close();
        } catch (MessagingException | RuntimeException e) {
            // nothing left to do with a connection that is going away
        }
    }

    /**
     * Closes a folder without expunging anything — mailpush never deletes upstream mail — and without
     * masking the failure that may have closed it already.
     */
    public static void closeQuietly(Folder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // nothing left to do with a connection that is going away
        }
    }
}
