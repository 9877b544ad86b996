package org.mailpush.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.MailId;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;

/**
 * The outbox, counted: each delivery as it is queued, sent (over the link, or through the terminal's
 * push channels when it has no link), failed (all its push channels refused) and acknowledged
 * ({@code mailpush_deliveries_total{state, channel}}); and the end-to-end latency of each full mail,
 * from its acceptance to the first of: a push service took it for the terminal, or the terminal
 * acknowledged it on its link ({@code mailpush_push_latency_seconds{via}}).
 */
final class OutboxMeter implements Outbox {
    private final Outbox outbox;
    private final Predicate<DeviceId> onLink;
    private final Acceptances acceptances;
    private final MeterRegistry registry;
    private final InstantSource clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer viaLink;
    private final Timer viaPush;

    OutboxMeter(Outbox outbox, Predicate<DeviceId> onLink, Acceptances acceptances, MeterRegistry registry, InstantSource clock) {
        this.outbox = outbox;
        this.onLink = onLink;
        this.acceptances = acceptances;
        this.registry = registry;
        this.clock = clock;
        String description = "from a mail's acceptance to its terminal: acknowledged on the link, or taken by a push service";
        this.viaLink = Metrics.timer("mailpush.push.latency", description).tag("via", "link").register(registry);
        this.viaPush = Metrics.timer("mailpush.push.latency", description).tag("via", "push").register(registry);
    }

    private void count(String state, String channel, int n) {
        if (n > 0) {
            counters.computeIfAbsent(state + "/" + channel, key -> deliveries(state, channel, registry)).increment(n);
        }
    }

    static Counter deliveries(String state, String channel, MeterRegistry registry) {
        return Counter.builder("mailpush.deliveries").description("deliveries to terminals by state, and by channel where it is known")
                .tag("state", state).tag("channel", channel).register(registry);
    }

    @Override
    public List<OutboxEntry> append(List<OutboxEntry.Addressed> deliveries, Instant now) {
        List<OutboxEntry> entries = outbox.append(deliveries, now);
        acceptances.queued(entries);
        count("queued", "none", entries.size());
        return entries;
    }

    @Override
    public List<OutboxEntry> unacknowledged(DeviceId device) {
        return outbox.unacknowledged(device);
    }

    @Override
    public List<OutboxEntry> unsent(DeviceId device, int most) {
        return outbox.unsent(device, most);
    }

    @Override
    public void sent(DeviceId device, long seq, Instant now) {
        outbox.sent(device, seq, now);
        boolean linked = onLink.test(device);
        count("sent", linked ? "link" : "push", 1);
        if (!linked) {
            acceptances.reached(device, seq).ifPresent(accepted -> viaPush.record(Duration.between(accepted, clock.instant())));
        }
    }

    @Override
    public void failed(DeviceId device, long seq, String reason, Instant now) {
        outbox.failed(device, seq, reason, now);
        count("failed", "push", 1);
    }

    @Override
    public List<OutboxEntry> acknowledge(DeviceId device, long upTo, Instant now) {
        List<OutboxEntry> acknowledged = outbox.acknowledge(device, upTo, now);
        count("acknowledged", "link", acknowledged.size());
        Instant at = clock.instant();
        for (OutboxEntry entry : acknowledged) {
            if (entry.payload() instanceof Payload.Full) {
                acceptances.reached(device, entry.seq()).ifPresent(accepted -> viaLink.record(Duration.between(accepted, at)));
            }
        }
        return acknowledged;
    }

    @Override
    public List<OutboxEntry> ofMail(MailId mail) {
        return outbox.ofMail(mail);
    }
}
