package org.mailpush.metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailId;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;

/**
 * When each recent mail was accepted, and which full-mail deliveries carry it, so that the latency
 * from acceptance to a terminal's delivery is measured once per delivery without asking the store.
 * Bounded: the oldest are forgotten first, and a mail accepted before the server started is not
 * measured. Safe for concurrent use.
 */
final class Acceptances {
    static final int MOST = 100_000;

    private final Map<MailId, Instant> accepted = lru();
    private final Map<String, MailId> deliveries = lru();

    synchronized void accepted(MailId mail, Instant at) {
        accepted.put(mail, at);
    }

    synchronized Optional<Instant> acceptedAt(MailId mail) {
        return Optional.ofNullable(accepted.get(mail));
    }

    /** Remembers the full-mail deliveries among these, to measure each once. */
    synchronized void queued(Iterable<OutboxEntry> entries) {
        for (OutboxEntry entry : entries) {
            if (entry.payload() instanceof Payload.Full full && accepted.containsKey(full.mail())) {
                deliveries.put(key(entry.device(), entry.seq()), full.mail());
            }
        }
    }

    /**
     * When the mail of a full-mail delivery was accepted, the first time it is asked for that delivery
     * only; empty after, and for any other delivery.
     */
    synchronized Optional<Instant> reached(DeviceId device, long seq) {
        MailId mail = deliveries.remove(key(device, seq));
        return mail == null ? Optional.empty() : Optional.ofNullable(accepted.get(mail));
    }

    private static String key(DeviceId device, long seq) {
        return device.value() + "/" + seq;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MOST;
            }
        };
    }
}
