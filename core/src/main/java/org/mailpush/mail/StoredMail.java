package org.mailpush.mail;

import java.time.Instant;
import java.util.Objects;
import org.mailpush.user.UserId;

/** A mail in one user's mailbox, without its raw bytes. */
public record StoredMail(MailId id, UserId owner, MailSummary summary, Instant receivedAt, MailFlags flags) {
    public StoredMail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(flags, "flags");
    }
}
