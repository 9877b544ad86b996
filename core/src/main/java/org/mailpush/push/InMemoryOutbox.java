package org.mailpush.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailId;

/** An {@link Outbox} held in memory. */
public final class InMemoryOutbox implements Outbox {
    private final Map<DeviceId, TreeMap<Long, OutboxEntry>> entries = new HashMap<>();

    @Override
    public synchronized List<OutboxEntry> append(List<OutboxEntry.Addressed> deliveries, Instant now) {
        List<OutboxEntry> appended = new ArrayList<>();
        for (OutboxEntry.Addressed delivery : deliveries) {
            TreeMap<Long, OutboxEntry> queue = entries.computeIfAbsent(delivery.device(), d -> new TreeMap<>());
            long seq = queue.isEmpty() ? 1 : queue.lastKey() + 1;
            var entry = new OutboxEntry(delivery.device(), seq, delivery.payload(), now, Optional.empty(), Optional.empty(), 0);
            queue.put(seq, entry);
            appended.add(entry);
        }
        return appended;
    }

    @Override
    public synchronized List<OutboxEntry> unacknowledged(DeviceId device) {
        return queue(device).values().stream().filter(e -> !e.acknowledged()).toList();
    }

    @Override
    public synchronized List<OutboxEntry> unsent(DeviceId device, int most) {
        List<OutboxEntry> unsent = queue(device).values().stream()
                .filter(e -> !e.acknowledged() && e.sentAt().isEmpty() && e.failure().isEmpty()).toList();
        return unsent.subList(Math.max(0, unsent.size() - most), unsent.size());
    }

    @Override
    public synchronized void sent(DeviceId device, long seq, Instant now) {
        queue(device).computeIfPresent(seq, (s, e) ->
                new OutboxEntry(e.device(), s, e.payload(), e.queuedAt(), Optional.of(now), e.ackedAt(), e.attempts() + 1));
    }

    @Override
    public synchronized void failed(DeviceId device, long seq, String reason, Instant now) {
        queue(device).computeIfPresent(seq, (s, e) -> new OutboxEntry(e.device(), s, e.payload(), e.queuedAt(), e.sentAt(), e.ackedAt(),
                e.attempts(), Optional.of(reason)));
    }

    @Override
    public synchronized List<OutboxEntry> acknowledge(DeviceId device, long upTo, Instant now) {
        List<OutboxEntry> acknowledged = new ArrayList<>();
        queue(device).headMap(upTo, true).replaceAll((seq, e) -> {
            if (e.acknowledged()) {
                return e;
            }
            var done = new OutboxEntry(e.device(), seq, e.payload(), e.queuedAt(), e.sentAt(), Optional.of(now), e.attempts());
            acknowledged.add(done);
            return done;
        });
        return acknowledged;
    }

    @Override
    public synchronized List<OutboxEntry> ofMail(MailId mail) {
        return entries.values().stream()
                .flatMap(queue -> queue.values().stream())
                .filter(e -> mail.equals(mailOf(e.payload())))
                .sorted(Comparator.comparing(OutboxEntry::device).thenComparingLong(OutboxEntry::seq))
                .toList();
    }

    private TreeMap<Long, OutboxEntry> queue(DeviceId device) {
        return entries.getOrDefault(device, new TreeMap<>());
    }

    private static MailId mailOf(Payload payload) {
        return switch (payload) {
            case Payload.Full p -> p.mail();
            case Payload.Hint p -> p.mail();
            case Payload.FlagsChanged p -> p.mail();
            case Payload.Retract p -> p.mail();
            case Payload.PolicyChanged p -> null;
        };
    }
}
