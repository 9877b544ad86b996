package org.mailpush.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mailpush.mail.MailId;
import org.mailpush.route.PushPlan;
import org.mailpush.user.UserId;

/** The plan made for each mail, kept as its explanation (SPEC X4). Implementations are safe for concurrent use. */
public interface PlanStore {

    /**
     * Keeps the plan made for a mail of the plan's user; an escalation's later plan is kept beside the
     * first. The user is one of the {@link org.mailpush.user.UserDirectory}: a store that keeps users
     * and plans together refuses any other with a {@link org.mailpush.mail.StoreException}.
     */
    void save(MailId mail, PushPlan plan, Instant decidedAt);

    /** The plans made for one of the owner's mails, oldest (first saved) first; none for another user's mail. */
    List<Decided> plansOf(UserId owner, MailId mail);

    /** A plan and when it was made. */
    record Decided(MailId mail, PushPlan plan, Instant decidedAt) {}

    /** The first plan made for a mail, if any. */
    default Optional<Decided> firstPlan(UserId owner, MailId mail) {
        return plansOf(owner, mail).stream().findFirst();
    }
}
