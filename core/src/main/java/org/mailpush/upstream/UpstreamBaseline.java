package org.mailpush.upstream;

import java.util.Objects;
import java.util.Set;

/**
 * What an upstream mailbox held when its watcher first reached it. That mail is the user's old mail,
 * not news: it is never stored nor pushed; only what arrives after the baseline is. An account has
 * one baseline, recorded once, before any of its mail is stored.
 */
public sealed interface UpstreamBaseline {

    /**
     * An IMAP folder: every mail up to {@code cursor.lastUid()} under {@code cursor.uidValidity()}
     * (RFC 3501 §2.3.1.1); {@code lastUid} is 0 for a folder that was empty.
     */
    record Imap(UpstreamCursor cursor) implements UpstreamBaseline {
        public Imap {
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /**
     * A POP3 maildrop: the mails with these UIDLs (RFC 1939 §7); none for a maildrop that was empty
     * or a server without UIDL.
     */
    record Pop3(Set<String> uidls) implements UpstreamBaseline {
        public Pop3 {
            uidls = Set.copyOf(uidls);
            if (uidls.contains("")) {
                throw new IllegalArgumentException("a baseline UIDL must not be empty");
            }
        }
    }
}
