package org.mailpush.push;

import java.util.List;
import java.util.Optional;
import org.mailpush.mail.MailStore;

/**
 * A {@link RoutingStore} over stores held in memory: nothing fails part way there, so keeping each
 * part in turn is all or nothing; one keep at a time, so that a mail's job ends once.
 */
public final class InMemoryRoutingStore implements RoutingStore {
    private final MailStore mails;
    private final PlanStore plans;
    private final Outbox outbox;
    private final EscalationStore escalations;

    public InMemoryRoutingStore(MailStore mails, PlanStore plans, Outbox outbox, EscalationStore escalations) {
        this.mails = mails;
        this.plans = plans;
        this.outbox = outbox;
        this.escalations = escalations;
    }

    @Override
    public synchronized Optional<List<OutboxEntry>> keep(Routed routed) {
        if (!mails.routed(routed.owner(), routed.mail())) {
            return Optional.empty();
        }
        plans.save(routed.mail(), routed.plan(), routed.decidedAt());
        routed.escalation().ifPresent(due -> escalations.schedule(routed.owner(), routed.mail(), due));
        return Optional.of(outbox.append(routed.deliveries(), routed.decidedAt()));
    }
}
