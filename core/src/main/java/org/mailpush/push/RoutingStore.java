package org.mailpush.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mailpush.mail.MailId;
import org.mailpush.route.PushPlan;
import org.mailpush.user.UserId;

/**
 * What routing keeps of a mail, in one step (SPEC X1, X4): the plan, the deliveries it makes, the
 * escalation it schedules, and the end of the mail's routing job — all or nothing, so that after a
 * crash a mail is either still pending with nothing kept, or routed with all of it. Implementations
 * are safe for concurrent use.
 */
public interface RoutingStore {

    /**
     * Ends the mail's routing job ({@link org.mailpush.mail.MailStore#routed}) and keeps, with it, the
     * plan ({@link PlanStore#save}), the deliveries ({@link Outbox#append}, which drops those of a
     * device removed meanwhile) and the escalation, if any ({@link EscalationStore#schedule}). A mail
     * whose job is not pending — routed already, or not the owner's — keeps nothing.
     *
     * @return the outbox entries made, in the order of the deliveries; empty when the job was not pending
     */
    Optional<List<OutboxEntry>> keep(Routed routed);

    /** The outcome of routing one of the owner's mails. */
    record Routed(UserId owner, MailId mail, PushPlan plan, List<OutboxEntry.Addressed> deliveries, Optional<Instant> escalation,
            Instant decidedAt) {
        public Routed {
            if (!plan.user().equals(owner)) {
                throw new IllegalArgumentException("the plan of mail " + mail + " is for " + plan.user() + ", not its owner " + owner);
            }
            deliveries = List.copyOf(deliveries);
        }
    }
}
