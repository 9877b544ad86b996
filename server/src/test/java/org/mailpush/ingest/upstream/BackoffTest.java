package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** nextDouble() just below 1: the wait is the cap itself. */
    private static final RandomGenerator TOP = () -> -1L;
    /** nextDouble() = 0: no wait at all, which full jitter allows. */
    private static final RandomGenerator BOTTOM = () -> 0L;

    @Test
    void capDoublesWithEachFailureUpToTheMaximum() {
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), TOP);

        var waits = IntStream.rangeClosed(0, 10).mapToObj(backoff::delay).map(Duration::toSeconds).toList();

        // Just under the cap, so whole seconds round down: 1 s, 2 s, 4 s, … then 300 s.
        assertThat(waits).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L, 127L, 255L, 299L, 299L);
        assertThat(backoff.delay(0)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.delay(9)).isBetween(Duration.ofMillis(299_999), Duration.ofMinutes(5));
    }

    @Test
    void fullJitterDrawsFromZeroToTheCap() {
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(42));

        for (int failures = 0; failures < 20; failures++) {
            Duration cap = Duration.ofSeconds(Math.min(300, 1L << Math.min(failures, 9)));
            assertThat(backoff.delay(failures)).isBetween(Duration.ZERO, cap);
        }
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), BOTTOM).delay(5)).isZero();
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheMaximum() {
        var backoff = new Backoff(Duration.ofDays(1), Duration.ofDays(2), TOP);

        assertThat(backoff.delay(Integer.MAX_VALUE)).isBetween(Duration.ofDays(2).minusMillis(1), Duration.ofDays(2));
        assertThatThrownBy(() -> backoff.delay(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
