package org.mailpush.agent.app;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's two threads: the inbox thread applies deliveries and Maildir changes, the sense thread
 * reads sensors and reports. Everything that touches the inbox or the reporter runs on its thread, so
 * neither needs locks. A task's failure is logged here, in one place.
 */
final class AgentThreads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentThreads.class);

    /** Work on the inbox, which may fail with an I/O error. */
    @FunctionalInterface
    interface InboxTask {
        void run() throws IOException;
    }

    private final ExecutorService inbox = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("inbox").factory());
    private final ScheduledExecutorService sense =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sense").factory());

    void inbox(InboxTask task) {
        inbox.execute(() -> {
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                LOG.error("inbox: {}", e.getMessage(), e);
            }
        });
    }

    /** Runs a task on the inbox thread as it is, without the logging: the caller handles its failure. */
    void inboxRaw(Runnable task) {
        inbox.execute(task);
    }

    void inboxAndWait(InboxTask task) throws IOException {
        try {
            inbox.submit(() -> {
                task.run();
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    void sense(Runnable task) {
        sense.execute(guarded(task));
    }

    void senseEvery(Duration interval, Runnable task) {
        sense.scheduleWithFixedDelay(guarded(task), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a task on the sense thread and waits for its result. */
    <T> T senseAndWait(Callable<T> task, Duration patience) throws InterruptedException, ExecutionException, TimeoutException {
        return sense.submit(task).get(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("sensing: {}", e.getMessage(), e);
            }
        };
    }

    /** Stops sensing at once; lets the inbox finish what it holds (each delivery is written whole or not at all). */
    @Override
    public void close() {
        sense.shutdownNow();
        inbox.shutdown();
        try {
            if (!inbox.awaitTermination(10, TimeUnit.SECONDS)) {
                inbox.shutdownNow();
            }
            sense.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
