package org.mailpush.ingest.smtp;

/**
 * The bytes of message data all sessions of one receiver hold in memory at once, within
 * {@code smtp.max-data-in-flight}: a message is read into memory (its buffer, then the copy handed to
 * the store) and kept there until its reply is sent, so without a bound a hundred clients sending
 * their largest message at once would hold about twice that size each. A message that does not fit
 * is read to its end, kept no further, and answered 452 4.3.1: the client tries again later.
 */
final class DataBudget {
    private final long total;
    private long held;

    DataBudget(long total) {
        this.total = total;
    }

    /** Takes {@code bytes} from the budget if they are left; whether they were. */
    synchronized boolean reserve(long bytes) {
        if (held + bytes > total) {
            return false;
        }
        held += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        held -= bytes;
    }

    /** The bytes left now. */
    synchronized long available() {
        return total - held;
    }

    synchronized long held() {
        return held;
    }
}
