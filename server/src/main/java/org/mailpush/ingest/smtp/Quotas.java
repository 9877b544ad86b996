package org.mailpush.ingest.smtp;

import java.util.Optional;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.Quota;
import org.mailpush.user.UserId;

/**
 * The quota check at RCPT, answered as Postfix and Dovecot answer it (RFC 3463 X.2.2, "mailbox
 * full"): 452 4.2.2 while the mailbox is full, so that the sender keeps the mail and tries again as
 * the mailbox frees up; 552 5.2.2 when the message's declared size alone is over the whole limit,
 * which no waiting cures.
 */
public record Quotas(MailUsage usage, Quota quota) {
    /** No limit: nothing is looked up. */
    public static final Quotas NONE = new Quotas(owner -> new MailUsage.Usage(0, 0), Quota.NONE);

    Optional<Reply> refusal(UserId owner, long declaredSize, String path) {
        if (!quota.limits()) {
            return Optional.empty();
        }
        return switch (quota.admit(usage.usage(owner), declaredSize)) {
            case TAKES -> Optional.empty();
            case FULL -> Optional.of(Reply.of(452, "4.2.2", "<" + path + ">: Mailbox full, try again later"));
            case NEVER_FITS -> Optional.of(Reply.of(552, "5.2.2", "<" + path + ">: Message larger than the mailbox quota"));
        };
    }
}
