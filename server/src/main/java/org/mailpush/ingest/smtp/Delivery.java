package org.mailpush.ingest.smtp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a received message to the store and words the final reply to DATA. The 250 is only ever
 * given after {@link MailStore#append} returned, so an accepted mail is a stored mail (SPEC X1) — or
 * the duplicate of one the store holds, which a client sends when the 250 to the first copy was lost.
 */
final class Delivery {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SessionContext context;

    Delivery(SessionContext context) {
        this.context = context;
    }

    /**
     * The trace fields RFC 5321 4.4 asks a receiver to put in front of every message it accepts: as the
     * final delivery, a Return-Path with the reverse path ({@code <>} for the null sender), then Received.
     *
     * @param protocol SMTP, ESMTP or ESMTPS (RFC 3848)
     */
    byte[] traceFields(String helo, String clientAddress, String protocol, Envelope envelope, Instant now) {
        var header = new StringBuilder("Return-Path: <").append(envelope.reversePath()).append(">\r\n")
                .append("Received: from ").append(printable(helo))
                .append(" ([").append(clientAddress.contains(":") ? "IPv6:" : "").append(clientAddress).append("])\r\n")
                .append("\tby ").append(context.settings().hostname()).append(" (mailpush) with ").append(protocol);
        if (envelope.recipients().size() == 1) {
            header.append("\r\n\tfor <").append(envelope.recipients().getFirst().address()).append('>');
        }
        header.append("; ").append(DATE.format(now)).append("\r\n");
        return header.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The client's own words only go into the header as visible ASCII. */
    private static String printable(String text) {
        return text.chars().mapToObj(c -> c > ' ' && c < 0x7f && c != '(' && c != ')' ? String.valueOf((char) c) : "?")
                .collect(Collectors.joining());
    }

    /** Summarizes and stores the message; the reply says whether it was. */
    Reply deliver(Envelope envelope, byte[] raw, Origin.Smtp origin) {
        var scan = context.summarizer().start();
        scan.write(raw, 0, raw.length);
        MailSummary summary = scan.finish();
        var mail = new NewMail(envelope.owners(), envelope.reversePath(), raw, summary, context.clock().instant(), origin);
        List<StoredMail> stored;
        try {
            stored = context.store().append(mail);
        } catch (StoreException e) {
            log.warn("Could not store a mail from <{}> sent by {}, answered 451: {}", envelope.reversePath(),
                    origin.clientAddress(), e.getMessage());
            return Reply.STORE_FAILED;
        }
        String ids = stored.stream().map(m -> m.id().toString()).collect(Collectors.joining(" "));
        List<UserId> duplicates = envelope.owners().stream()
                .filter(owner -> stored.stream().noneMatch(m -> m.owner().equals(owner))).toList();
        if (!duplicates.isEmpty()) {
            // the client retried after a lost 250: the first copy is stored, this one is answered alike
            log.info("A mail of {} bytes from <{}> sent by {} with Message-ID <{}> was accepted for {} before; not stored again",
                    raw.length, envelope.reversePath(), origin.clientAddress(), mail.messageId(), duplicates);
        }
        if (!stored.isEmpty()) {
            log.info("Accepted a mail of {} bytes from <{}> sent by {} for {} as {}", raw.length, envelope.reversePath(),
                    origin.clientAddress(), stored.stream().map(StoredMail::owner).toList(), ids);
        }
        return Reply.of(250, "2.0.0", ids.isEmpty() ? "Ok: already received" : "Ok: queued as " + ids);
    }
}
