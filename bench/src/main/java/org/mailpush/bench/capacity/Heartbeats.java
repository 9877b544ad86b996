package org.mailpush.bench.capacity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mailpush.bench.load.Terminal;

/**
 * The terminals' heartbeats, spread evenly: with N terminals each reporting every interval, N /
 * interval reports a second, the terminals taking turns in a shuffled order — so each reports once
 * an interval, as a real one does, and none stays silent long enough to be taken for dead.
 */
final class Heartbeats implements AutoCloseable {
    private static final long TICK_MILLIS = 50;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("heartbeats").factory());
    private final List<Terminal> terminals;
    private final double perTick;
    private double owed;
    private long sent;

    Heartbeats(List<Terminal> terminals, Duration interval) {
        this.terminals = new ArrayList<>(terminals);
        Collections.shuffle(this.terminals, new Random(11));
        this.perTick = terminals.size() * (TICK_MILLIS / (double) interval.toMillis());
    }

    void start() {
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void tick() {
        owed += perTick;
        while (owed >= 1) {
            terminals.get((int) (sent % terminals.size())).reportState();
            owed -= 1;
            sent++;
        }
    }

    /** How many reports were sent so far. */
    synchronized long sent() {
        return sent;
    }

    /** Stops; returns how many reports were sent. */
    long stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        return sent();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
