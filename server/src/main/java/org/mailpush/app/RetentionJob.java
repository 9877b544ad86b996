package org.mailpush.app;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mailpush.mail.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs retention in the background every {@code retention.interval}, the first time one interval after the start. */
final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final Retention retention;
    private final Bounds bounds;
    private final InstantSource clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("retention").factory());

    RetentionJob(Retention retention, Bounds bounds, InstantSource clock) {
        this.retention = retention;
        this.bounds = bounds;
        this.clock = clock;
        long every = bounds.interval().toMillis();
        timer.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    void run() {
        try {
            Instant now = clock.instant();
            Retention.Pruned pruned = retention.prune(now.minus(bounds.keepMail()), now.minus(bounds.keepDeliveries()));
            if (pruned.any()) {
                LOG.info("retention: {} mail(s), {} delivery(ies) and {} plan(s) past their time removed", pruned.mails(),
                        pruned.deliveries(), pruned.plans());
            }
        } catch (RuntimeException e) {
            // The store is away, say: the next run tries again.
            LOG.warn("retention failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
