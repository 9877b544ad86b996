package org.mailpush.mail;

import org.mailpush.user.UserId;

/** What a user's mailbox holds, for quotas. */
public interface MailUsage {

    Usage usage(UserId owner);

    /** The mails in a user's mailbox and their size in bytes. */
    record Usage(long mails, long bytes) {}
}
