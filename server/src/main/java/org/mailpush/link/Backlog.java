package org.mailpush.link;

import java.util.Comparator;
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
 *
 * <p>All connections together queue at most {@code link.max-total-queued-bytes} ({@link Tally}), so
 * that many slow terminals, each within its own cap, cannot together exhaust the heap. A message that
 * would take the total past it drops the connection with the largest queue: the message's own, which
 * then refuses it, or another, which is {@linkplain #evict evicted} to make room.
 */
final class Backlog {
    private final long cap;
    private final Tally tally;
    private volatile long queued; // written under this
    private volatile boolean evicted;
    private volatile Runnable eviction = () -> { };
    private final Set<Long> unwritten = ConcurrentHashMap.newKeySet();

    Backlog(long cap, Tally tally) {
        this.cap = cap;
        this.tally = tally;
    }

    /** What dropping this connection takes, should the total need its room; set by the channel when it opens. */
    void onEviction(Runnable drop) {
        this.eviction = drop;
    }

    /**
     * Counts a message in, or refuses it (and counts an overflow) when it would take the queue past the
     * cap, or the total past its cap while this queue is the largest. Refused, the caller drops the connection.
     */
    boolean admit(long bytes, OptionalLong seq) {
        synchronized (this) {
            if (evicted) {
                return false; // counted when it was evicted
            }
            if (queued > 0 && queued + bytes > cap) {
                tally.overflows.incrementAndGet();
                return false;
            }
            queued += bytes;
            tally.busy.add(this);
        }
        Backlog victim = tally.makeRoom(this, bytes);
        if (victim == this) {
            synchronized (this) {
                queued -= bytes;
                if (queued == 0) {
                    tally.busy.remove(this);
                }
            }
            tally.overflows.incrementAndGet();
            return false;
        }
        if (victim != null) {
            victim.evict();
        }
        seq.ifPresent(unwritten::add);
        tally.peak.accumulateAndGet(queued, Math::max);
        return true;
    }

    /** The message was written to the network, or dropped with the connection. */
    synchronized void written(long bytes, OptionalLong seq) {
        seq.ifPresent(unwritten::remove);
        queued -= bytes;
        tally.queued.addAndGet(-bytes);
        if (queued == 0) {
            tally.busy.remove(this);
        }
    }

    /** Whether the delivery {@code seq} is queued and not yet written: it must not be queued again. */
    boolean unwritten(long seq) {
        return unwritten.contains(seq);
    }

    long queued() {
        return queued;
    }

    /** Drops this connection for the total's sake: it takes nothing more, and its queue is freed as it closes. */
    private void evict() {
        evicted = true;
        tally.overflows.incrementAndGet();
        eviction.run();
    }

    /** The link's figures over all its connections, and the cap on their total. */
    static final class Tally {
        private final long totalCap;
        private final AtomicLong queued = new AtomicLong();
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong totalPeak = new AtomicLong();
        private final AtomicLong overflows = new AtomicLong();
        /** The backlogs with something queued. */
        private final Set<Backlog> busy = ConcurrentHashMap.newKeySet();

        /** @param totalCap the most all connections together may queue ({@code link.max-total-queued-bytes}) */
        Tally(long totalCap) {
            this.totalCap = totalCap;
        }

        /**
         * Counts {@code bytes} of {@code asking}'s (already in its own count) into the total. When they
         * do not fit, the connection with the largest queue gives way: null when they fit, {@code asking}
         * when it is the largest (its bytes are then not counted), or another backlog, evicted by the
         * caller outside this lock; the bytes are counted then, its queue about to be freed.
         */
        synchronized Backlog makeRoom(Backlog asking, long bytes) {
            // What evicted connections hold is as good as free: they take nothing more and are closing.
            long now = queued.get() - busy.stream().filter(b -> b.evicted).mapToLong(Backlog::queued).sum();
            if (now + bytes <= totalCap || now <= 0) {
                count(bytes);
                return null;
            }
            Backlog largest = busy.stream().filter(b -> !b.evicted && b != asking)
                    .max(Comparator.comparingLong(Backlog::queued)).orElse(null);
            // Compared with what the asking connection held before this message: one that holds nothing
            // yet (a terminal that reads) gives way only when nothing else holds anything.
            if (largest == null || largest.queued() <= asking.queued() - bytes) {
                return asking;
            }
            largest.evicted = true; // not chosen twice; evict() runs its drop outside this lock
            count(bytes);
            return largest;
        }

        private void count(long bytes) {
            totalPeak.accumulateAndGet(queued.addAndGet(bytes), Math::max);
        }

        /** Bytes queued now, over every connection. */
        long queued() {
            return queued.get();
        }

        /** The most one connection ever had queued. */
        long peak() {
            return peak.get();
        }

        /** The most all connections together ever had queued. */
        long totalPeak() {
            return totalPeak.get();
        }

        /** Connections dropped because they were over their cap, or had the largest queue when the total was. */
        long overflows() {
            return overflows.get();
        }
    }
}
