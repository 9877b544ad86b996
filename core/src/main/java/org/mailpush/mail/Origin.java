package org.mailpush.mail;

import java.util.Objects;
import org.mailpush.upstream.UpstreamAccountId;

/** How a mail reached mailpush: through its own SMTP receiver, or seen on an upstream mailbox (SPEC S1). */
public sealed interface Origin {

    /** Received over SMTP from a client at this address, which greeted with this name. */
    record Smtp(String clientAddress, String helo) implements Origin {
        public Smtp {
            Objects.requireNonNull(clientAddress, "clientAddress");
            Objects.requireNonNull(helo, "helo");
        }
    }

    /**
     * Seen on an upstream account. {@code fingerprint} (SHA-256 of the raw message, hex) makes a mail
     * seen again — after a UIDVALIDITY change or a lost cursor — a duplicate that is not stored twice.
     *
     * @param uidValidity the IMAP UIDVALIDITY, 0 for POP3
     * @param uid         the IMAP UID, 0 for POP3
     * @param uidl        the POP3 UIDL, empty for IMAP
     */
    record Upstream(UpstreamAccountId account, long uidValidity, long uid, String uidl, String fingerprint) implements Origin {
        public Upstream {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(uidl, "uidl");
            if (fingerprint == null || !fingerprint.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("fingerprint must be a SHA-256 in lower-case hex, got '" + fingerprint + "'");
            }
        }
    }
}
