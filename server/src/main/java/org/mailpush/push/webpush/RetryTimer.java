package org.mailpush.push.webpush;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where the transport's waits between attempts come from, so that tests run them at once instead of
 * sleeping.
 */
@FunctionalInterface
public interface RetryTimer {

    /** An executor that runs what it is given once {@code delay} has passed. */
    Executor after(Duration delay);

    /** Real time, on the JDK's shared delayed executor. */
    static RetryTimer system() {
        return delay -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
