package org.mailpush.push.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InFlightLimitsTest {
    private static final String A = "https://a.example";
    private static final String B = "https://b.example";

    private final InFlightLimits limits = new InFlightLimits(2, 3);

    @Test
    void anOriginHasAtMostItsShareAndTheRestWaitInLine() {
        List<CompletableFuture<InFlightLimits.Permit>> permits = acquire(A, 4);

        assertThat(permits).extracting(CompletableFuture::isDone).containsExactly(true, true, false, false);
        assertThat(limits.active(A)).isEqualTo(2);
        assertThat(limits.waiting(A)).isEqualTo(2);

        permits.get(0).join().release();
        permits.get(0).join().release();
        assertThat(permits).as("a second release of the same permit frees nothing").extracting(CompletableFuture::isDone)
                .containsExactly(true, true, true, false);
        assertThat(limits.active(A)).isEqualTo(2);
    }

    @Test
    void theTotalBoundsAllOriginsAndAWaiterForABusyOriginHoldsNoOneUp() {
        List<CompletableFuture<InFlightLimits.Permit>> a = acquire(A, 3);
        List<CompletableFuture<InFlightLimits.Permit>> b = acquire(B, 2);

        assertThat(a).extracting(CompletableFuture::isDone).containsExactly(true, true, false);
        assertThat(b).as("B's first passes A's waiter; its second meets the total of 3")
                .extracting(CompletableFuture::isDone).containsExactly(true, false);

        b.get(0).join().release();
        assertThat(a.get(2)).as("first in line, but A is still at its share").isNotDone();
        assertThat(b.get(1)).isDone();

        a.get(0).join().release();
        assertThat(a.get(2)).isDone();
        assertThat(limits.active(A) + limits.active(B)).isEqualTo(3);
        assertThat(limits.waiting(A) + limits.waiting(B)).isZero();
    }

    private List<CompletableFuture<InFlightLimits.Permit>> acquire(String origin, int count) {
        List<CompletableFuture<InFlightLimits.Permit>> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.add(limits.acquire(origin));
        }
        return permits;
    }
}
