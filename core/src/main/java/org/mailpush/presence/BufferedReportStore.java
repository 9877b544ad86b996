package org.mailpush.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mailpush.device.DeviceId;

/**
 * Reports kept in memory and written to the store behind them together, every {@code delay}: a
 * terminal's heartbeat then costs no write of its own, and thousands of reports share one
 * transaction (docs/architecture.md, "Reports"). Reads see a report the moment it is recorded.
 *
 * <p>A crash loses at most the last {@code delay} of reports, which the terminals send again at their
 * next change or heartbeat; until then routing knows less about them, never something wrong. When the
 * store is away, reports wait for the next write, each device's newest always and at most
 * {@link #MOST_WAITING} of its reports for the history.
 */
public final class BufferedReportStore implements ReportStore, AutoCloseable {
    /** The most reports of one device waiting for the history while the store is away; older ones are dropped. */
    static final int MOST_WAITING = 64;

    private final ReportStore store;
    private final Consumer<RuntimeException> failed;
    /** Each device's reports not yet written, oldest first; guarded by this. */
    private Map<DeviceId, List<UsageReport>> waiting = new LinkedHashMap<>();
    /** Each device's newest report not yet written (what reads see before the store); guarded by this. */
    private Map<DeviceId, UsageReport> newest = new HashMap<>();
    /** Held while writing: one write at a time, so that a device's newest is dropped only once it is written. */
    private final Object writing = new Object();
    private final ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("report-writer").factory());

    /**
     * @param store  where the reports are kept
     * @param delay  how long a report waits at most before it is written
     * @param failed told when a write fails (the reports wait for the next)
     */
    public BufferedReportStore(ReportStore store, Duration delay, Consumer<RuntimeException> failed) {
        this.store = store;
        this.failed = failed;
        long every = Math.max(1, delay.toMillis());
        writer.scheduleWithFixedDelay(this::writeQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void record(DeviceId device, UsageReport report) {
        synchronized (this) {
            List<UsageReport> reports = waiting.computeIfAbsent(device, d -> new ArrayList<>());
            if (reports.size() == MOST_WAITING) {
                reports.removeFirst();
            }
            reports.add(report);
            newest.merge(device, report, (old, offered) -> offered.reportedAt().isBefore(old.reportedAt()) ? old : offered);
        }
    }

    @Override
    public Optional<UsageReport> latest(DeviceId device) {
        UsageReport unwritten;
        synchronized (this) {
            unwritten = newest.get(device);
        }
        Optional<UsageReport> kept = store.latest(device);
        return unwritten == null ? kept : Optional.of(newer(kept.orElse(null), unwritten));
    }

    @Override
    public Map<DeviceId, UsageReport> latest(Collection<DeviceId> devices) {
        Map<DeviceId, UsageReport> unwritten = new HashMap<>();
        synchronized (this) {
            for (DeviceId device : devices) {
                UsageReport report = newest.get(device);
                if (report != null) {
                    unwritten.put(device, report);
                }
            }
        }
        Map<DeviceId, UsageReport> reports = new HashMap<>(store.latest(devices));
        unwritten.forEach((device, report) -> reports.put(device, newer(reports.get(device), report)));
        return reports;
    }

    /** Written first, so that the history holds every report recorded until now. */
    @Override
    public List<UsageReport> history(DeviceId device, Instant since) {
        write();
        return store.history(device, since);
    }

    /** Writes every report waiting, in one write of the store; what fails waits for the next. */
    public void write() {
        synchronized (writing) {
            writeWaiting();
        }
    }

    private void writeWaiting() {
        Map<DeviceId, List<UsageReport>> batch;
        synchronized (this) {
            if (waiting.isEmpty()) {
                return;
            }
            batch = waiting;
            waiting = new LinkedHashMap<>();
        }
        try {
            store.record(batch);
        } catch (RuntimeException e) {
            synchronized (this) {
                // Put back before what came meanwhile, within the bound.
                batch.forEach((device, reports) -> {
                    List<UsageReport> again = new ArrayList<>(reports);
                    again.addAll(waiting.getOrDefault(device, List.of()));
                    waiting.put(device, new ArrayList<>(again.subList(Math.max(0, again.size() - MOST_WAITING), again.size())));
                });
            }
            throw e;
        }
        synchronized (this) {
            // A device that reported again meanwhile keeps its newest until that is written too.
            batch.keySet().forEach(device -> {
                if (!waiting.containsKey(device)) {
                    newest.remove(device);
                }
            });
        }
    }

    private void writeQuietly() {
        try {
            write();
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    private static UsageReport newer(UsageReport kept, UsageReport unwritten) {
        return kept != null && unwritten.reportedAt().isBefore(kept.reportedAt()) ? kept : unwritten;
    }

    /** Stops the timer and writes what waits. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeQuietly();
    }
}
