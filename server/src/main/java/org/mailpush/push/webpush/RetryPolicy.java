package org.mailpush.push.webpush;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and when a push message that met a transient failure (429, 5xx, a network error) is
 * sent again: after attempt {@code n} the transport waits {@code min(maxBackoff, initialBackoff ×
 * 2ⁿ⁻¹)}, or longer when the service's {@code Retry-After} says so, and gives up after
 * {@code maxAttempts} attempts in all.
 *
 * @param maxAttempts       attempts in all, the first included; 1 means no retry
 * @param initialBackoff    the wait after the first attempt
 * @param maxBackoff        the longest wait the backoff grows to
 * @param longestRetryAfter a {@code Retry-After} longer than this is not waited for: the outcome
 *                          {@link PushOutcome.RetryLater} goes back to the caller to schedule
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration longestRetryAfter) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        WebPushSettings.positive("initialBackoff", initialBackoff);
        WebPushSettings.positive("maxBackoff", maxBackoff);
        WebPushSettings.positive("longestRetryAfter", longestRetryAfter);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
        }
    }

    /** The wait after attempt {@code attempt} (1-based), honouring the service's {@code Retry-After}. */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        int doublings = attempt - 1;
        // initial ≤ max / 2ⁿ⁻¹ keeps the product within max, so it cannot overflow.
        Duration backoff = doublings < 31 && initialBackoff.compareTo(maxBackoff.dividedBy(1L << doublings)) <= 0
                ? initialBackoff.multipliedBy(1L << doublings)
                : maxBackoff;
        return retryAfter.filter(wait -> wait.compareTo(backoff) > 0).orElse(backoff);
    }
}
