package org.mailpush.push;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mailpush.mail.MailId;
import org.mailpush.user.UserId;

/** An {@link EscalationStore} held in memory. */
public final class InMemoryEscalationStore implements EscalationStore {
    private final Map<MailId, Scheduled> scheduled = new HashMap<>();

    @Override
    public synchronized void schedule(UserId owner, MailId mail, Instant due) {
        scheduled.put(mail, new Scheduled(owner, mail, due));
    }

    @Override
    public synchronized List<Scheduled> dueBy(Instant now) {
        return scheduled.values().stream()
                .filter(s -> !s.due().isAfter(now))
                .sorted(Comparator.comparing(Scheduled::due).thenComparing(s -> s.mail().value()))
                .toList();
    }

    @Override
    public synchronized boolean cancel(MailId mail) {
        return scheduled.remove(mail) != null;
    }
}
