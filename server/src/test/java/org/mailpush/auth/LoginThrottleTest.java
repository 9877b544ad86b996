package org.mailpush.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle();
    private Instant now = T0;

    /** Fails this many times, each as soon as the throttle lets it; the clock ends at the last one. */
    private void fail(String client, String user, int times) {
        for (int i = 0; i < times; i++) {
            now = now.plus(throttle.wait(client, user, now));
            assertThat(throttle.reserve(client, user, now)).isZero();
        }
    }

    @Test
    void theFirstFailuresCostNothing() {
        fail("10.0.0.1", "alice", 4);

        assertThat(throttle.wait("10.0.0.1", "alice", now)).isZero();
    }

    @Test
    void furtherFailuresWaitTwiceAsLongEachTime() {
        fail("10.0.0.1", "alice", 5);
        assertThat(throttle.wait("10.0.0.1", "alice", T0)).isEqualTo(Duration.ofSeconds(1));

        fail("10.0.0.1", "alice", 3);
        assertThat(now).isEqualTo(T0.plusSeconds(1 + 2 + 4));
        assertThat(throttle.wait("10.0.0.1", "alice", now)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.wait("10.0.0.1", "alice", now.plusSeconds(8))).isZero();
    }

    @Test
    void theWaitNeverExceedsFifteenMinutes() {
        fail("10.0.0.1", "alice", 40);

        assertThat(throttle.wait("10.0.0.1", "alice", now)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anAttemptRefusedForWaitingCountsNothing() {
        fail("10.0.0.1", "alice", 5);
        assertThat(throttle.reserve("10.0.0.1", "alice", now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.reserve("10.0.0.1", "alice", now)).isEqualTo(Duration.ofSeconds(1));

        assertThat(throttle.reserve("10.0.0.1", "alice", now.plusSeconds(1))).isZero();
    }

    @Test
    void aBurstAtOneInstantIsAdmittedOnlyForTheFreeAttempts() {
        long admitted = IntStream.range(0, 25).filter(i -> throttle.reserve("10.0.0.1", "alice", T0).isZero()).count();

        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void anAttackerElsewhereNeverLocksTheUserOut() {
        fail("203.0.113.9", "alice", 19);

        assertThat(throttle.wait("203.0.113.9", "alice", now)).isPositive();
        assertThat(throttle.wait("10.0.0.1", "alice", now)).isZero();
    }

    @Test
    void oneAccountUnderAttackFromManyAddressesIsSlowedAndNoOtherIs() {
        for (int i = 0; i < 50; i++) {
            fail("198.51.100." + i, "alice", 1);
        }

        assertThat(throttle.wait("198.51.100.200", "alice", now)).isPositive();
        assertThat(throttle.wait("198.51.100.200", "bob", now)).isZero();
        assertThat(throttle.wait("198.51.100.1", "bob", now)).isZero();
    }

    @Test
    void oneAddressGuessingManyUsersIsSlowedToo() {
        for (int i = 0; i < 20; i++) {
            fail("203.0.113.9", "user" + i, 1);
        }

        assertThat(throttle.wait("203.0.113.9", "someone-else", now)).isPositive();
    }

    @Test
    void successClearsThePairAndTakesItsOwnCountBack() {
        fail("10.0.0.1", "alice", 6);
        throttle.succeeded("10.0.0.1", "alice");
        assertThat(throttle.wait("10.0.0.1", "alice", now)).isZero();

        // Many users logging in from one address (an office behind one NAT) slow nobody.
        for (int i = 0; i < 30; i++) {
            fail("10.0.0.2", "user" + i, 1);
            throttle.succeeded("10.0.0.2", "user" + i);
        }
        assertThat(throttle.wait("10.0.0.2", "someone-else", now)).isZero();
    }

    @Test
    void attemptsFromEverMoreAddressesAndNamesKeepABoundedNumberOfCounters() {
        String longName = "u".repeat(100_000);
        for (int i = 0; i < 60_000; i++) {
            assertThat(throttle.reserve("2001:db8::" + Integer.toHexString(i), i + longName, now)).isZero();
        }

        assertThat(throttle.size()).isLessThanOrEqualTo(LoginThrottle.MAX_ENTRIES);
        // The newest counters are kept: the last pair is still counted.
        fail("2001:db8::" + Integer.toHexString(59_999), 59_999 + longName, 4);
        assertThat(throttle.wait("2001:db8::" + Integer.toHexString(59_999), 59_999 + longName, now)).isPositive();
    }
}
