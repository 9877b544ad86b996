package org.mailpush.agent.app;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Whether the link is up, for requests that need the server and may have to wait for it. */
final class LinkState {
    private boolean up;

    synchronized void up() {
        up = true;
        notifyAll();
    }

    synchronized void down() {
        up = false;
    }

    /** Waits for the link, which a freshly started agent may not have yet. */
    synchronized void await(Duration patience, Object server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!up) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new IOException("not connected to " + server + " (the agent keeps trying)");
            }
            wait(left);
        }
    }
}
