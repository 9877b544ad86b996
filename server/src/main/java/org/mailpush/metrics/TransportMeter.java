package org.mailpush.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;

/**
 * One kind of push channel's transport, counted where its outcome is known: each message sent
 * ({@code mailpush_push_channel_sent_total}), each failed by reason — {@code gone} (the channel is no
 * more), {@code too-large}, {@code failed} (after the transport's retries), {@code error} (the transport
 * threw) — ({@code mailpush_push_channel_failed_total}), and how long each took, retries included
 * ({@code mailpush_push_channel_latency_seconds{outcome}}).
 */
final class TransportMeter implements PushTransport {
    private final String channel;
    private final PushTransport transport;
    private final MeterRegistry registry;
    private final InstantSource clock;
    private final Counter sent;
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    TransportMeter(String channel, PushTransport transport, MeterRegistry registry, InstantSource clock) {
        this.channel = channel;
        this.transport = transport;
        this.registry = registry;
        this.clock = clock;
        this.sent = sentCounter(channel, registry);
    }

    static Counter sentCounter(String channel, MeterRegistry registry) {
        return Counter.builder("mailpush.push.channel.sent").description("messages a push channel's service took, by channel")
                .tag("channel", channel).register(registry);
    }

    static Counter failedCounter(String channel, String reason, MeterRegistry registry) {
        return Counter.builder("mailpush.push.channel.failed").description("messages a push channel did not take, by channel and reason")
                .tag("channel", channel).tag("reason", reason).register(registry);
    }

    static Timer latencyTimer(String channel, String outcome, MeterRegistry registry) {
        return Metrics.timer("mailpush.push.channel.latency", "how long a push channel's send took, retries included")
                .tag("channel", channel).tag("outcome", outcome).register(registry);
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel to, PushMessage message) {
        Instant start = clock.instant();
        CompletionStage<PushOutcome> outcome;
        try {
            outcome = transport.send(to, message);
        } catch (RuntimeException e) {
            done(start, "error");
            throw e;
        }
        return outcome.whenComplete((result, failure) -> done(start, failure != null ? "error" : reason(result)));
    }

    private void done(Instant start, String reason) {
        Duration took = Duration.between(start, clock.instant());
        if (reason.isEmpty()) {
            sent.increment();
            latency.computeIfAbsent("sent", outcome -> latencyTimer(channel, outcome, registry)).record(took);
        } else {
            failed.computeIfAbsent(reason, r -> failedCounter(channel, r, registry)).increment();
            latency.computeIfAbsent("failed", outcome -> latencyTimer(channel, outcome, registry)).record(took);
        }
    }

    /** Empty for a message taken, else the reason's word. */
    private static String reason(PushOutcome outcome) {
        return switch (outcome) {
            case PushOutcome.Delivered delivered -> "";
            case PushOutcome.Gone gone -> "gone";
            case PushOutcome.TooLarge large -> "too-large";
            case PushOutcome.Failed failed -> "failed";
        };
    }
}
