package org.mailpush.upstream;

/** How an upstream mailbox is watched. */
public enum MailProtocol {
    /** IMAP4rev1 with IDLE (RFC 3501, RFC 2177), polling when the server lacks IDLE. */
    IMAP,
    /** POP3 (RFC 1939) polled, with UIDL (RFC 1939 §7) as the cursor. */
    POP3
}
