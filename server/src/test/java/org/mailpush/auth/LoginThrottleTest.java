package org.mailpush.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle();

    private void fail(String client, String user, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            throttle.failed(client, user, at);
        }
    }

    @Test
    void theFirstFailuresCostNothing() {
        fail("10.0.0.1", "alice", 4, T0);

        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isZero();
    }

    @Test
    void furtherFailuresWaitTwiceAsLongEachTime() {
        fail("10.0.0.1", "alice", 5, T0);
        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isEqualTo(Duration.ofSeconds(1));

        fail("10.0.0.1", "alice", 3, T0);
        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.wait("10.0.0.1", "alice", T0.plusSeconds(8))).isZero();
    }

    @Test
    void theWaitNeverExceedsFifteenMinutes() {
        fail("10.0.0.1", "alice", 40, T0);

        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAttackerElsewhereNeverLocksTheUserOut() {
        fail("203.0.113.9", "alice", 19, T0);

        assertThat(throttle.wait("203.0.113.9", "alice", T0)).isPositive();
        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isZero();
    }

    @Test
    void oneAddressGuessingManyUsersIsSlowedToo() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("203.0.113.9", "user" + i, T0);
        }

        assertThat(throttle.wait("203.0.113.9", "someone-else", T0)).isPositive();
    }

    @Test
    void successClearsThePair() {
        fail("10.0.0.1", "alice", 6, T0);
        throttle.succeeded("10.0.0.1", "alice");

        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isZero();
    }
}
