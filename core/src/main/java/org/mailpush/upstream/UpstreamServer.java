package org.mailpush.upstream;

import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to log in to a mailbox on another mail server.
 *
 * @param folder the folder watched, usually INBOX (IMAP only)
 */
public record UpstreamServer(
        MailProtocol protocol, String host, int port, TlsMode tls, String username, Secret password, String folder) {

    public UpstreamServer {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(password, "password");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("upstream host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("upstream port must be 1-65535, got " + port);
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("upstream username is required");
        }
        folder = folder == null || folder.isBlank() ? "INBOX" : folder;
    }

    /** How it is named in logs and lists: "imap://alice@imap.example.com:993/INBOX", without the secret. */
    public String describe() {
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + username + "@" + host + ":" + port
                + (protocol == MailProtocol.IMAP ? "/" + folder : "");
    }
}
