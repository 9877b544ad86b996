package org.mailpush.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Pause} the test steps through: each pause is announced, and lasts until the test lets
 * it end. A test thus knows exactly how many polls or reconnects happened, without any clock.
 */
public final class SteppedPause implements Pause {
    private final BlockingQueue<Duration> requested = new LinkedBlockingQueue<>();
    private final Semaphore released = new Semaphore(0);

    @Override
    public void pause(Duration duration) throws InterruptedException {
        requested.put(duration);
        released.acquire();
    }

    /** Waits until the watcher is in its next pause, and returns how long it asked to wait. */
    public Duration awaitPause() throws InterruptedException {
        Duration duration = requested.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(duration).as("the watcher pauses within " + Await.TIMEOUT).isNotNull();
        return duration;
    }

    /** Ends the pause the watcher is in (or its next one). */
    public void release() {
        released.release();
    }
}
