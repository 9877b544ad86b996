package org.mailpush.agent.link;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next connection attempt: doubling from {@code min} up to {@code max},
 * with "equal jitter" — half the step fixed, half random — so that many terminals cut off by one
 * server restart do not all come back at the same instant.
 */
public record Backoff(Duration min, Duration max) {
    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isZero() || min.isNegative() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
    }

    /** The wait before attempt {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        long step = min.toMillis();
        for (int i = 1; i < attempt && step < max.toMillis(); i++) {
            step *= 2;
        }
        step = Math.min(step, max.toMillis());
        long half = step / 2;
        return Duration.ofMillis(step - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
