package org.mailpush.ingest.upstream;

import java.time.Duration;

/**
 * How a watcher waits between polls and before a reconnect. Production waits in real time; tests
 * pass one that records the wait and returns when the test says so.
 */
@FunctionalInterface
public interface Pause {

    /**
     * Waits for about {@code duration}.
     *
     * @throws InterruptedException when the watcher is closed during the wait
     */
    void pause(Duration duration) throws InterruptedException;

    /** Waits in real time; closing the watcher interrupts the wait. */
    static Pause real() {
        return Thread::sleep;
    }
}
