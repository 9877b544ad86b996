package org.mailpush.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;

class TransportMeterTest {
    private static final PushChannel CHANNEL = new PushChannel(new DeviceId("phone"), PushChannel.Kind.WEBHOOK,
            URI.create("https://hooks.example.com/h"), "", "");
    private static final PushMessage MESSAGE = new PushMessage(new byte[] {'{', '}'}, Duration.ofHours(1), PushMessage.Urgency.NORMAL, "t");

    /** A clock that moves 10 ms each time it is read. */
    private static final class Ticking implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            now = now.plusMillis(10);
            return now;
        }
    }

    @Test
    void countsEachOutcomeByChannelAndReasonAndTimesIt() {
        var registry = new SimpleMeterRegistry();
        Queue<PushOutcome> outcomes = new ArrayDeque<>(List.of(new PushOutcome.Delivered(), new PushOutcome.Gone("410"),
                new PushOutcome.TooLarge("413"), new PushOutcome.Failed("timeout"), new PushOutcome.Failed("503")));
        var meter = new TransportMeter("webhook", (channel, message) -> CompletableFuture.completedFuture(outcomes.remove()),
                registry, new Ticking());

        for (int i = 0; i < 5; i++) {
            meter.send(CHANNEL, MESSAGE);
        }

        assertThat(registry.get("mailpush.push.channel.sent").tag("channel", "webhook").counter().count()).isEqualTo(1);
        assertThat(registry.get("mailpush.push.channel.failed").tag("reason", "gone").counter().count()).isEqualTo(1);
        assertThat(registry.get("mailpush.push.channel.failed").tag("reason", "too-large").counter().count()).isEqualTo(1);
        assertThat(registry.get("mailpush.push.channel.failed").tag("reason", "failed").counter().count()).isEqualTo(2);
        var failedTimer = registry.get("mailpush.push.channel.latency").tag("outcome", "failed").timer();
        assertThat(failedTimer.count()).isEqualTo(4);
        assertThat(failedTimer.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(10);
    }

    @Test
    void aTransportThatThrowsOrFailsItsStageIsAnError() {
        var registry = new SimpleMeterRegistry();
        var throwing = new TransportMeter("apns", (channel, message) -> {
            throw new IllegalStateException("closed");
        }, registry, new Ticking());
        var failing = new TransportMeter("apns", (channel, message) -> CompletableFuture.failedFuture(new IllegalStateException("x")),
                registry, new Ticking());

        assertThatThrownBy(() -> throwing.send(CHANNEL, MESSAGE)).hasMessage("closed");
        failing.send(CHANNEL, MESSAGE);

        assertThat(registry.get("mailpush.push.channel.failed").tags("channel", "apns", "reason", "error").counter().count()).isEqualTo(2);
        assertThat(registry.get("mailpush.push.channel.sent").tag("channel", "apns").counter().count()).isZero();
    }
}
