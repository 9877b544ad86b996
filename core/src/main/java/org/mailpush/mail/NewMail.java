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

    /**
     * The message's Message-ID (RFC 5322 3.6.4) without its angle brackets, empty when it has none:
     * with the envelope sender, what makes a second copy of a mail from an SMTP client a duplicate
     * ({@link MailStore#append}).
     */
    public String messageId() {
        return MessageIdField.of(raw);
    }
}
