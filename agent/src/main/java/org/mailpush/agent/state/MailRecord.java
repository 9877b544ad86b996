package org.mailpush.agent.state;

import java.util.Objects;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;

/**
 * One mail this terminal received in full: the unique name of its Maildir file, and its flags as
 * the server last learned them (from this terminal or from another).
 */
public record MailRecord(MailId mail, String unique, MailFlags flags, Status status) {
    /** Where the mail's file stands. */
    public enum Status {
        /** Recorded before the file is written: after a crash, the file decides whether it was. */
        WRITING,
        /** In the Maildir. */
        STORED,
        /** Removed by the user (or never to be written again): a re-send must not bring it back. */
        DELETED
    }

    public MailRecord {
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(unique, "unique");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(status, "status");
    }

    public MailRecord with(MailFlags flags) {
        return new MailRecord(mail, unique, flags, status);
    }

    public MailRecord with(Status status) {
        return new MailRecord(mail, unique, flags, status);
    }
}
