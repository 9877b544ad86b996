package org.mailpush.bench.capacity;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mailpush.bench.load.Terminal;

/**
 * The terminals' heartbeats, spread evenly: with N terminals each reporting every interval, N /
 * interval reports a second, each from a terminal picked at random.
 */
final class Heartbeats implements AutoCloseable {
    private static final long TICK_MILLIS = 50;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("heartbeats").factory());
    private final List<Terminal> terminals;
    private final double perTick;
    private final Random random = new Random(11);
    private double owed;
    private long sent;

    Heartbeats(List<Terminal> terminals, Duration interval) {
        this.terminals = terminals;
        this.perTick = terminals.size() * (TICK_MILLIS / (double) interval.toMillis());
    }

    void start() {
        timer.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        owed += perTick;
        while (owed >= 1) {
            terminals.get(random.nextInt(terminals.size())).reportState();
            owed -= 1;
            sent++;
        }
    }

    /** Stops; returns how many reports were sent. */
    long stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        return sent;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
