package org.mailpush.push;

import java.time.Instant;
import java.util.List;
import org.mailpush.mail.MailId;
import org.mailpush.user.UserId;

/**
 * Escalations waiting for their moment (SPEC X3), kept across restarts. Implementations are safe
 * for concurrent use.
 */
public interface EscalationStore {

    /**
     * Schedules the escalation of a mail, or moves it: a mail has at most one. The owner is one of
     * the {@link org.mailpush.user.UserDirectory}: a store that keeps users and escalations together
     * refuses any other with a {@link org.mailpush.mail.StoreException}.
     */
    void schedule(UserId owner, MailId mail, Instant due);

    /** Escalations due at or before {@code now}, earliest first (at the same moment by mail id); they stay until cancelled. */
    List<Scheduled> dueBy(Instant now);

    /** Removes the mail's escalation (done, or cancelled because it was read); false when there was none. */
    boolean cancel(MailId mail);

    /** One waiting escalation. */
    record Scheduled(UserId owner, MailId mail, Instant due) {}
}
