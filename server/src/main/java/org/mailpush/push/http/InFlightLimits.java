package org.mailpush.push.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the requests in flight: so many per push service origin, so many in all. A request that
 * finds no room waits in line, without a thread, and is let through, first come first served among
 * those that fit, as others finish. Thread-safe.
 */
public final class InFlightLimits {
    private final int perOrigin;
    private final int total;
    private final ReentrantLock lock = new ReentrantLock();
    /** Requests in flight by origin, origins with none left out; guarded by lock. */
    private final Map<String, Integer> active = new HashMap<>();
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int activeTotal;

    public InFlightLimits(int perOrigin, int total) {
        this.perOrigin = perOrigin;
        this.total = total;
    }

    private record Waiter(String origin, CompletableFuture<Permit> permit) {}

    /** The right to have one request in flight to an origin; released once, when the request ended. */
    public final class Permit {
        private final String origin;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(String origin) {
            this.origin = origin;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                InFlightLimits.this.release(origin);
            }
        }
    }

    /** A permit for the origin: at once when there is room, else once there is. */
    public CompletableFuture<Permit> acquire(String origin) {
        lock.lock();
        try {
            // Room now means every waiter is held by its own origin's limit: none is passed over.
            if (hasRoom(origin)) {
                return CompletableFuture.completedFuture(take(origin));
            }
            var permit = new CompletableFuture<Permit>();
            waiting.add(new Waiter(origin, permit));
            return permit;
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for room to the origin. */
    public int waiting(String origin) {
        lock.lock();
        try {
            return (int) waiting.stream().filter(waiter -> waiter.origin.equals(origin)).count();
        } finally {
            lock.unlock();
        }
    }

    /** Requests in flight to the origin. */
    public int active(String origin) {
        lock.lock();
        try {
            return active.getOrDefault(origin, 0);
        } finally {
            lock.unlock();
        }
    }

    private void release(String origin) {
        List<Waiter> admitted = new ArrayList<>();
        lock.lock();
        try {
            active.computeIfPresent(origin, (key, count) -> count == 1 ? null : count - 1);
            activeTotal--;
            // A waiter for a busy origin does not hold up one behind it for another.
            for (Iterator<Waiter> line = waiting.iterator(); line.hasNext() && activeTotal < total; ) {
                Waiter waiter = line.next();
                if (hasRoom(waiter.origin)) {
                    line.remove();
                    admitted.add(waiter);
                    active.merge(waiter.origin, 1, Integer::sum);
                    activeTotal++;
                }
            }
        } finally {
            lock.unlock();
        }
        // Completed outside the lock: what the waiters run next must not run under it.
        for (Waiter waiter : admitted) {
            waiter.permit.complete(new Permit(waiter.origin));
        }
    }

    private boolean hasRoom(String origin) {
        return activeTotal < total && active.getOrDefault(origin, 0) < perOrigin;
    }

    private Permit take(String origin) {
        active.merge(origin, 1, Integer::sum);
        activeTotal++;
        return new Permit(origin);
    }
}
