package org.mailpush.mail;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the router needs to know about a mail, extracted from its headers and MIME structure.
 *
 * @param sender          the author's address (From), lower case; may be empty when the mail had none
 * @param subject         the decoded subject, possibly empty
 * @param sizeBytes       the raw size of the message
 * @param pictures        the number of image parts, inline or attached
 * @param attachmentTypes the MIME types of the attachments, lower case, in message order
 * @param importance      the sender's importance marking
 * @param preview         the first characters of the text, possibly empty
 */
public record MailSummary(
        String sender,
        String subject,
        long sizeBytes,
        int pictures,
        List<String> attachmentTypes,
        Importance importance,
        String preview) {

    public MailSummary {
        sender = Objects.requireNonNull(sender, "sender").strip().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(importance, "importance");
        Objects.requireNonNull(preview, "preview");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, got " + sizeBytes);
        }
        if (pictures < 0) {
            throw new IllegalArgumentException("pictures must not be negative, got " + pictures);
        }
        attachmentTypes = attachmentTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    /** The domain part of the sender address, or empty. */
    public String senderDomain() {
        int at = sender.lastIndexOf('@');
        return at < 0 ? "" : sender.substring(at + 1);
    }
}
