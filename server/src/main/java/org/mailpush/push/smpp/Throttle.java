package org.mailpush.push.smpp;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the transport within the SMSC's window and rate: at most {@code maxInFlight} submits waiting
 * for their response, and submits spaced at least {@code 1 / rate} seconds apart.
 */
final class Throttle {
    private final Semaphore window;
    private final long spacingNanos;
    private long next = System.nanoTime();

    Throttle(int maxInFlight, double rate) {
        this.window = new Semaphore(maxInFlight, true);
        this.spacingNanos = (long) (Duration.ofSeconds(1).toNanos() / rate);
    }

    /** Waits for room in the window and for the submit's turn; the caller {@link #release()}s after the response. */
    void acquire() throws InterruptedException {
        window.acquire();
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, next);
            next = slot + spacingNanos;
            wait = slot - now;
        }
        while (wait > 0) {
            long start = System.nanoTime();
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                window.release();
                throw new InterruptedException();
            }
            wait -= System.nanoTime() - start;
        }
    }

    void release() {
        window.release();
    }
}
