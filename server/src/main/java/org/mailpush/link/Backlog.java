package org.mailpush.link;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one connection has queued for its terminal and not yet written to the network: its bytes, and
 * the sequence numbers among it. A connection may queue at most {@code link.max-queued-bytes}; a
 * terminal that reads slower than its mail arrives reaches the cap, and its connection is dropped —
 * it resumes from its last acknowledgement when it connects again (docs/protocol.md, "Closing").
 * One message larger than the cap is still taken when nothing else is queued, so that every message
 * can be sent; the queue therefore never holds more than the cap or that one message.
 */
final class Backlog {
    private final long cap;
    private final Tally tally;
    private long queued; // guarded by this
    private final Set<Long> unwritten = ConcurrentHashMap.newKeySet();

    Backlog(long cap, Tally tally) {
        this.cap = cap;
        this.tally = tally;
    }

    /** Counts a message in, or refuses it (and counts an overflow) when it would take the queue past the cap. */
    synchronized boolean admit(long bytes, OptionalLong seq) {
        if (queued > 0 && queued + bytes > cap) {
            tally.overflows.incrementAndGet();
            return false;
        }
        queued += bytes;
        seq.ifPresent(unwritten::add);
        tally.queued.addAndGet(bytes);
        tally.peak.accumulateAndGet(queued, Math::max);
        return true;
    }

    /** The message was written to the network, or dropped with the connection. */
    synchronized void written(long bytes, OptionalLong seq) {
        seq.ifPresent(unwritten::remove);
        queued -= bytes;
        tally.queued.addAndGet(-bytes);
    }

    /** Whether the delivery {@code seq} is queued and not yet written: it must not be queued again. */
    boolean unwritten(long seq) {
        return unwritten.contains(seq);
    }

    synchronized long queued() {
        return queued;
    }

    /** The link's figures over all its connections, for metrics and tests. */
    static final class Tally {
        private final AtomicLong queued = new AtomicLong();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong overflows = new AtomicLong();

        /** Bytes queued now, over every connection. */
        long queued() {
            return queued.get();
        }

        /** The most one connection ever had queued. */
        long peak() {
            return peak.get();
        }

        /** Connections dropped because they were over the cap. */
        long overflows() {
            return overflows.get();
        }
    }
}
