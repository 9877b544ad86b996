package org.mailpush.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.mailpush.user.UserId;

/**
 * A mail that has arrived and is about to be stored, once for each local recipient.
 *
 * @param envelopeSender the SMTP reverse path (MAIL FROM), empty for the null sender
 * @param raw            the message exactly as received (RFC 5322)
 */
public record NewMail(
        List<UserId> recipients, String envelopeSender, byte[] raw, MailSummary summary, Instant receivedAt, Origin origin) {

    public NewMail {
        recipients = List.copyOf(recipients.stream().distinct().toList());
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a new mail needs at least one recipient");
        }
        Objects.requireNonNull(envelopeSender, "envelopeSender");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(origin, "origin");
    }
}
