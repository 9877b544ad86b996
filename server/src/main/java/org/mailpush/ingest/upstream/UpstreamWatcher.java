package org.mailpush.ingest.upstream;

import org.mailpush.upstream.UpstreamAccount;

/** Watches one upstream account and hands every new mail to the {@link UpstreamIntake}. */
public interface UpstreamWatcher {

    UpstreamAccount account();

    WatcherStatus status();

    /**
     * Watches until {@link #close()}: connects, catches up from the stored cursor, waits for new mail,
     * reconnects after failures. Call once, on a thread of its own; failures never escape.
     */
    void run();

    /** Makes {@link #run()} return soon; safe to call from any thread, more than once. */
    void close();
}
