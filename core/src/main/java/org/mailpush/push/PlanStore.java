package org.mailpush.push;

import java.time.Instant;
import java.util.Optional;
import org.mailpush.mail.MailId;
import org.mailpush.route.PushPlan;
import org.mailpush.user.UserId;

/** The plan made for each mail, kept as its explanation (SPEC X4). Implementations are safe for concurrent use. */
public interface PlanStore {

    /** Keeps the plan made for a mail; an escalation's later plan is kept beside the first. */
    void save(MailId mail, PushPlan plan, Instant decidedAt);

    /** The plans made for one of the owner's mails, oldest first. */
    java.util.List<Decided> plansOf(UserId owner, MailId mail);

    /** A plan and when it was made. */
    record Decided(MailId mail, PushPlan plan, Instant decidedAt) {}

    /** The first plan made for a mail, if any. */
    default Optional<Decided> firstPlan(UserId owner, MailId mail) {
        return plansOf(owner, mail).stream().findFirst();
    }
}
