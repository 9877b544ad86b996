package org.mailpush.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void waitsDoubleWithHalfOfEachStepRandom() {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long step = Math.min(1000L << (attempt - 1), 300_000);
            for (int i = 0; i < 100; i++) {
                assertThat(backoff.delay(attempt, random).toMillis()).isBetween(step - step / 2, step);
            }
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximumHoweverManyAttempts() {
        assertThat(backoff.delay(10_000, new SplittableRandom(1))).isLessThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterSpreadsTerminalsOut() {
        SplittableRandom random = new SplittableRandom(3);
        long distinct = java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(4, random)).distinct().count();

        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void boundsMustMakeSense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.delay(0, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}
