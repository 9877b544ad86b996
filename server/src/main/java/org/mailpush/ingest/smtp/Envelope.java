package org.mailpush.ingest.smtp;

import java.util.ArrayList;
import java.util.List;
import org.mailpush.user.UserId;

/**
 * A mail transaction in progress (RFC 5321 3.3): the reverse path and the accepted recipients.
 *
 * @param reversePath the MAIL FROM path without brackets, empty for the null reverse path
 * @param recipients  the accepted recipients in order; several may belong to one user
 */
record Envelope(String reversePath, List<RecipientCheck.Verdict.Local> recipients) {

    Envelope {
        recipients = List.copyOf(recipients);
    }

    Envelope with(RecipientCheck.Verdict.Local recipient) {
        var more = new ArrayList<>(recipients);
        more.add(recipient);
        return new Envelope(reversePath, more);
    }

    /** The users the mail is for, each once, in the order their first address was accepted. */
    List<UserId> owners() {
        return recipients.stream().map(RecipientCheck.Verdict.Local::owner).distinct().toList();
    }
}
