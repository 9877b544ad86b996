package org.mailpush.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.mailpush.device.DeviceAddress;
import org.mailpush.push.Waker;

/**
 * Wake-on-LAN, counted as the push channel {@code wake-on-lan}: each magic packet sent, each that
 * could not be ({@code reason="error"}), and how long sending took. Whether the machine woke shows
 * in its terminal's hello, not here.
 */
final class WakerMeter implements Waker {
    static final String CHANNEL = "wake-on-lan";

    private final Waker waker;
    private final MeterRegistry registry;
    private final InstantSource clock;

    WakerMeter(Waker waker, MeterRegistry registry, InstantSource clock) {
        this.waker = waker;
        this.registry = registry;
        this.clock = clock;
        TransportMeter.sentCounter(CHANNEL, registry);
    }

    @Override
    public void wake(DeviceAddress.MacAddress mac) throws IOException {
        Instant start = clock.instant();
        try {
            waker.wake(mac);
            TransportMeter.sentCounter(CHANNEL, registry).increment();
            TransportMeter.latencyTimer(CHANNEL, "sent", registry).record(Duration.between(start, clock.instant()));
        } catch (IOException | RuntimeException e) {
            TransportMeter.failedCounter(CHANNEL, "error", registry).increment();
            TransportMeter.latencyTimer(CHANNEL, "failed", registry).record(Duration.between(start, clock.instant()));
            throw e;
        }
    }
}
