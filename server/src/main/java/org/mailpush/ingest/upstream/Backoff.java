package org.mailpush.ingest.upstream;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before the n-th retry (n = 0, 1, …) wait a uniformly random
 * time below {@code min(max, initial × 2ⁿ)}, so that many watchers cut off by the same outage do
 * not all come back at the same instant.
 */
record Backoff(Duration initial, Duration max, RandomGenerator random) {

    Duration delay(int failuresBefore) {
        if (failuresBefore < 0) {
            throw new IllegalArgumentException("failuresBefore must not be negative, got " + failuresBefore);
        }
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        long factor = 1L << Math.min(failuresBefore, 62);
        long cap = initialNanos > maxNanos / factor ? maxNanos : initialNanos * factor;
        return Duration.ofNanos((long) (cap * random.nextDouble()));
    }
}
