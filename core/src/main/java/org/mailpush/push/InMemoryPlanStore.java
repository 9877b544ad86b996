package org.mailpush.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailpush.mail.MailId;
import org.mailpush.route.PushPlan;
import org.mailpush.user.UserId;

/** A {@link PlanStore} held in memory. */
public final class InMemoryPlanStore implements PlanStore {
    private final List<Decided> plans = new ArrayList<>();

    @Override
    public synchronized void save(MailId mail, PushPlan plan, Instant decidedAt) {
        plans.add(new Decided(mail, plan, decidedAt));
    }

    @Override
    public synchronized List<Decided> plansOf(UserId owner, MailId mail) {
        return plans.stream().filter(d -> d.mail().equals(mail) && d.plan().user().equals(owner)).toList();
    }
}
