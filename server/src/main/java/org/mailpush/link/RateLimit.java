package org.mailpush.link;

import java.time.Duration;
import java.time.Instant;

/** A token bucket: {@code rate} messages a second on average, {@code burst} at once. Not thread-safe. */
final class RateLimit {
    private final double rate;
    private final double burst;
    private double tokens;
    private Instant last;

    RateLimit(double rate, int burst, Instant now) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    /** Takes a token if one is left. */
    boolean tryTake(Instant now) {
        double seconds = Math.max(0, Duration.between(last, now).toNanos() / 1e9);
        tokens = Math.min(burst, tokens + seconds * rate);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
