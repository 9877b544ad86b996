package org.mailpush.ingest.mime;

import java.util.ArrayList;
import java.util.List;
import org.mailpush.mail.Importance;
import org.mailpush.mail.MailSummary;

/**
 * What a scan has learnt so far: the message's own fields, then for each leaf part whether it is a
 * picture or an attachment ({@link PartKind}) and whether its text gives the preview. The preview is the
 * first text/plain part's text; only when no text/plain part has any, the first text/html part's.
 */
final class SummaryCollector {
    private final PreviewText plain;
    private final PreviewText html;
    private final List<String> attachmentTypes = new ArrayList<>();
    private String sender = "";
    private String subject = "";
    private Importance importance = Importance.NORMAL;
    private int pictures;

    SummaryCollector(int previewLength) {
        this.plain = new PreviewText(previewLength);
        this.html = new PreviewText(previewLength);
    }

    /** The header fields of the message itself. */
    void message(PartHeaders headers) {
        sender = Mailbox.address(headers.from());
        subject = EncodedWords.decode(headers.subject());
        importance = headers.importance();
    }

    /** Counts a leaf part and says where its body goes. */
    BodySink leaf(PartHeaders part) {
        PartKind kind = PartKind.of(part);
        if (kind.picture()) {
            pictures++;
        }
        if (kind.attachment()) {
            attachmentTypes.add(part.mediaType());
        }
        if (kind != PartKind.TEXT || !plain.isEmpty()) {
            return BodySink.DISCARD;
        }
        if (part.mediaType().equals("text/plain")) {
            return BodyText.plain(part, plain);
        }
        if (part.mediaType().equals("text/html") && html.isEmpty()) {
            return BodyText.html(part, html);
        }
        return BodySink.DISCARD;
    }

    MailSummary summary(long sizeBytes) {
        String preview = plain.isEmpty() ? html.text() : plain.text();
        return new MailSummary(sender, subject, sizeBytes, pictures, attachmentTypes, importance, preview);
    }

    /** The bytes this collector holds on to, roughly. */
    long retainedBytes() {
        long types = attachmentTypes.stream().mapToLong(type -> 2L * type.length() + 32).sum();
        return 2L * (plain.capacity() + html.capacity() + sender.length() + subject.length()) + types;
    }
}
