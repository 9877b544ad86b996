package org.mailpush.bench.load;

import java.util.Arrays;

/** Measured durations, in nanoseconds, and their percentiles. Not thread-safe. */
public final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    public void add(long duration) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = duration;
    }

    /** Hands every duration added to {@code sink}. */
    public void forEach(java.util.function.LongConsumer sink) {
        for (int i = 0; i < count; i++) {
            sink.accept(nanos[i]);
        }
    }

    /** Forgets every duration added. */
    public void clear() {
        count = 0;
    }

    public int count() {
        return count;
    }

    /** The percentiles of what was added, in milliseconds. */
    public Summary summary() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Summary(count, millis(sorted, 0.50), millis(sorted, 0.90), millis(sorted, 0.99),
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6);
    }

    /** The nearest-rank percentile. */
    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Percentiles in milliseconds; NaN when nothing was measured. */
    public record Summary(int count, double p50, double p90, double p99, double max) {}
}
